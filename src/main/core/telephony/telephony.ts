/**
 * Telephony adapter: how a call is handed to 110/119/120. The manual adapter works everywhere: it
 * tells the agent the number to dial and what the operator will ask. A CTI/SIP adapter implements
 * the same interface later and performs a real warm transfer.
 */
import type { TransferInstructions } from '../../../shared/contract';
import type { EmergencyService } from '../../../shared/domain';

export interface TransferRequest {
  ticketId: string;
  service: EmergencyService;
  address: string;
  callbackNumber: string | null;
}

export interface TelephonyAdapter {
  transfer(request: TransferRequest): TransferInstructions;
}

const WHAT_HAPPENED: Record<EmergencyService, string> = {
  '110': '发生了什么：正在发生的违法犯罪/暴力/威胁，嫌疑人人数、特征、去向，是否持械',
  '119': '发生了什么：起火/冒烟/爆炸/燃气泄漏/人员被困，起火物、楼层、火势烟雾',
  '120': '发生了什么：病人症状（昏迷、呼吸、出血等）、年龄、发病时间',
};

export const manualTelephony: TelephonyAdapter = {
  transfer({ ticketId, service, address, callbackNumber }) {
    return {
      ticketId,
      service,
      mode: 'manual',
      dialNumber: service,
      checklist: [
        `拨打 ${service}，告知“北京12345热线转接”`,
        `地址：${address || '（未登记，请向来电人确认：区、街道、小区/路名、门牌、楼层）'}`,
        WHAT_HAPPENED[service],
        '有无人员受伤、受伤人数和情况',
        `来电人回拨号码：${callbackNumber ?? '（未登记，请询问来电人）'}`,
        '确认对方已受理后，告知来电人保持电话畅通',
      ],
    };
  },
};
