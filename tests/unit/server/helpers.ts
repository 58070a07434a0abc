import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '../../../src/server/auth/accounts';
import { openServerDb } from '../../../src/server/db/open';
import type { TicketRecord } from '../../../src/shared/commands';

export function serverDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-unit-server-'));
  return { dir, ...openServerDb(dir) };
}

export const agent: AuthUser = { id: 'u-agent', username: 'agent1', displayName: '话务员一', role: 'agent' };
export const unitUser: AuthUser = { id: 'u-unit', username: 'unit1', displayName: '承办单位一', role: 'unit' };

export function ticketRecord(overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id: uuidv7(),
    provisionalNo: '离线-0001',
    status: 'recorded',
    channel: 'phone',
    appealType: '投诉',
    categoryPath: '城乡建设/市政设施/路灯',
    timeTier: '7d',
    title: '路灯不亮',
    content: '小区门口路灯坏了一周',
    callerPhone: '13912345678',
    callerName: '张三',
    anonymous: false,
    isEnterprise: false,
    enterpriseName: '',
    districtCode: null,
    streetCode: null,
    address: '望京西路1号',
    createdAt: '2026-11-26T01:00:00.000Z',
    createdBy: 'agent1@A01',
    ...overrides,
  };
}

export function mutation(clientId: string, command: unknown, mutationId = uuidv7()) {
  return { mutationId, clientId, createdAt: '2026-11-26T01:00:00.000Z', command };
}
