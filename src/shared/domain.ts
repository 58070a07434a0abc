/**
 * Domain vocabulary of the 12345 hotline, shared by every process.
 * Runs anywhere: no Node, DOM or Electron imports here.
 */

/** Channels an appeal can arrive through (渠道). */
export const CHANNELS = ['phone', 'web', 'app', 'wechat', 'media', 'leader_line', 'district_platform', 'enterprise_line'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  web: '网站',
  app: '北京通App',
  wechat: '微信',
  media: '媒体',
  leader_line: '直通车',
  district_platform: '区级平台',
  enterprise_line: '企业热线',
};

/** The statutory five appeal types plus praise (诉求类型). */
export const APPEAL_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** Time-limit tiers (办理时限): 2 h life/property risk, 24 h utilities, 7 d general, 15 d complex. */
export const TIME_TIERS = ['2h', '24h', '7d', '15d'] as const;
export type TimeTier = (typeof TIME_TIERS)[number];
export const TIME_TIER_LABELS: Record<TimeTier, string> = {
  '2h': '2小时（紧急）',
  '24h': '24小时（水电气热）',
  '7d': '7天（一般）',
  '15d': '15天（复杂）',
};
export const TIME_TIER_MS: Record<TimeTier, number> = {
  '2h': 2 * 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '15d': 15 * 24 * 3600_000,
};

/** Emergency services an agent can transfer a call to. */
export const EMERGENCY_SERVICES = ['110', '119', '120'] as const;
export type EmergencyService = (typeof EMERGENCY_SERVICES)[number];
export const EMERGENCY_SERVICE_LABELS: Record<EmergencyService, string> = { '110': '110 报警', '119': '119 消防', '120': '120 急救' };
/** The taxonomy leaf an emergency belongs to when the agent has not picked one. */
export const EMERGENCY_CATEGORY: Record<EmergencyService, string> = {
  '110': '政法/社会治安/治安案件',
  '119': '政法/社会治安/消防安全',
  '120': '卫生计生/公共卫生/突发公共卫生事件处理',
};

/**
 * Ticket lifecycle. Intake states are local; the dispatch states are decided by the server.
 * 草稿 is never a ticket status: drafts live in their own table.
 */
export const TICKET_STATUSES = [
  'recorded', // 已登记: saved by the agent, not yet dispatched
  'answered', // 直接答复: 咨询 answered on the call
  'referred', // 引导至法定途径
  'transferred', // 已转 110/119/120
  'to_dispatch', // 待派
  'dispatched', // 已派
  'accepted', // 已签收
  'in_progress', // 办理中
  'replied', // 已反馈
  'callback', // 回访
  'closed', // 办结
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  recorded: '已登记',
  answered: '直接答复',
  referred: '已引导',
  transferred: '已转警/消/医',
  to_dispatch: '待派',
  dispatched: '已派',
  accepted: '已签收',
  in_progress: '办理中',
  replied: '已反馈',
  callback: '回访',
  closed: '办结',
};

/** Where a ticket stands with the central server (per-ticket sync state shown in lists). */
export const SYNC_STATES = ['pending', 'synced', 'rejected'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Documented field limits. The UI shows them; the core enforces them. */
export const LIMITS = {
  titleMax: 100,
  contentMax: 4000,
  callerNameMax: 40,
  addressMax: 200,
  draftBytesMax: 64 * 1024,
} as const;
