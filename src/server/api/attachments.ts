/**
 * Unit attachments: small files (photos, scans, PDFs) a unit sends with its reply. Stored in the
 * data directory under a random id, never under the user's file name; metadata in `attachments`.
 * Only the uploading unit, the ticket's lead unit and staff may download them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { AuthUser } from '../auth/accounts';
import type { ServerContext } from '../context';
import { attachments } from '../db/schema';
import { HttpError, invalid } from './http-util';

export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
export const ATTACHMENT_BODY_MAX = Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4096;
export const ATTACHMENTS_PER_TICKET_MAX = 20;
const ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;

export const AttachmentUpload = z
  .object({
    name: z.string().trim().min(1, '文件名不能为空').max(120, '文件名最多 120 字'),
    mime: z.enum(ALLOWED_TYPES, { error: `只能上传图片（PNG/JPEG/GIF/WebP）、PDF 或文本文件` }),
    dataBase64: z.string().min(1, '文件内容为空'),
  })
  .strict();

function dir(ctx: ServerContext): string {
  return path.join(ctx.dataDir, 'attachments');
}

export function storeAttachment(ctx: ServerContext, user: AuthUser, ticketId: string, raw: unknown) {
  const parsed = AttachmentUpload.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const bytes = Buffer.from(parsed.data.dataBase64, 'base64');
  if (bytes.length === 0) throw new HttpError(400, 'VALIDATION', '文件内容为空或不是 base64 编码');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new HttpError(413, 'TOO_LARGE', `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  const count = ctx.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.ticketId, ticketId)).all().length;
  if (count >= ATTACHMENTS_PER_TICKET_MAX) throw new HttpError(409, 'CONFLICT', `每张工单最多 ${ATTACHMENTS_PER_TICKET_MAX} 个附件`);
  const id = uuidv7();
  fs.mkdirSync(dir(ctx), { recursive: true });
  const file = path.join(dir(ctx), id);
  // The file first, then its row: a crash in between leaves an orphan file, never a row without data.
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  const row = {
    id,
    ticketId,
    unitId: user.unitId ?? null,
    name: parsed.data.name.replace(/[\\/\r\n\t]/g, '_'),
    mime: parsed.data.mime,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdBy: user.username,
    createdAt: ctx.now().toISOString(),
  };
  try {
    ctx.db.insert(attachments).values(row).run();
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  const { sha256: _sha, ...meta } = row;
  return meta;
}

export function findAttachment(ctx: ServerContext, id: string) {
  return ctx.db.select().from(attachments).where(eq(attachments.id, id)).get();
}

export function readAttachment(ctx: ServerContext, id: string): Buffer {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new HttpError(404, 'NOT_FOUND', '没有这个附件');
  return fs.readFileSync(path.join(dir(ctx), id));
}
