/**
 * Unit attachments: small files (photos, scans, PDFs) a unit sends with its reply. Stored in the
 * data directory under a random id, never under the user's file name; metadata in `attachments`.
 * Only the uploading unit, the ticket's lead unit and staff may download them.
 *
 * An upload is only a candidate until an accepted reply references it (the ticket's dispatch
 * document: `state.replies[].attachmentIds`, append-only). The per-ticket limit counts referenced
 * attachments, plus the uploading unit's own candidates (so a reply can never carry more than the
 * limit); a refused reply discards the candidates it listed, and candidates nobody referenced within
 * ORPHAN_GRACE_MS are swept. Every deletion re-reads the references in its transaction, so a
 * referenced attachment is never deleted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { DispatchState } from '../../shared/dispatch';
import type { AuthUser } from '../auth/accounts';
import type { ServerContext } from '../context';
import { attachments, ticketDispatch } from '../db/schema';
import { HttpError, invalid } from './http-util';

export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
export const ATTACHMENT_BODY_MAX = Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4096;
export const ATTACHMENTS_PER_TICKET_MAX = 20;
/** How long an upload no reply references is kept before the sweep removes it. */
export const ORPHAN_GRACE_MS = 24 * 3600_000;
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

function isAttachmentId(id: string): boolean {
  return /^[0-9a-f-]{36}$/.test(id);
}

function removeFiles(ctx: ServerContext, ids: readonly string[]): void {
  for (const id of ids) if (isAttachmentId(id)) fs.rmSync(path.join(dir(ctx), id), { force: true });
}

/** The attachment ids the ticket's accepted replies reference. */
export function referencedAttachmentIds(ctx: ServerContext, ticketId: string): Set<string> {
  const row = ctx.db.select({ state: ticketDispatch.state }).from(ticketDispatch).where(eq(ticketDispatch.ticketId, ticketId)).get();
  const ids = new Set<string>();
  if (!row) return ids;
  const state = JSON.parse(row.state) as Partial<DispatchState>;
  for (const reply of state.replies ?? []) for (const id of reply.attachmentIds ?? []) ids.add(id);
  return ids;
}

/** What counts toward the ticket's limit for `unitId`: referenced attachments and the unit's own candidates. */
function usage(ctx: ServerContext, ticketId: string, unitId: string | null) {
  const referenced = referencedAttachmentIds(ctx, ticketId);
  const rows = ctx.db.select({ id: attachments.id, unitId: attachments.unitId }).from(attachments).where(eq(attachments.ticketId, ticketId)).all();
  const used = rows.filter((r) => referenced.has(r.id)).length;
  const candidates = rows.filter((r) => !referenced.has(r.id) && r.unitId === unitId).length;
  return { referenced, used, candidates };
}

function limitError(used: number): HttpError {
  return new HttpError(
    409,
    'CONFLICT',
    `每张工单最多 ${ATTACHMENTS_PER_TICKET_MAX} 个附件（已随答复提交 ${used} 个，其余为本单位已上传、尚未随答复提交的附件）`,
  );
}

/**
 * Stores an upload as a candidate. Idempotent: the same file (content, name, type) uploaded again by
 * the same unit to the same ticket answers the existing attachment (`created: false`), so a retried
 * upload neither duplicates the file nor uses another slot.
 */
export function storeAttachment(ctx: ServerContext, user: AuthUser, ticketId: string, raw: unknown) {
  const parsed = AttachmentUpload.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const bytes = Buffer.from(parsed.data.dataBase64, 'base64');
  if (bytes.length === 0) throw new HttpError(400, 'VALIDATION', '文件内容为空或不是 base64 编码');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new HttpError(413, 'TOO_LARGE', `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  const unitId = user.unitId ?? null;
  const name = parsed.data.name.replace(/[\\/\r\n\t]/g, '_');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    const same = ctx.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.ticketId, ticketId), eq(attachments.sha256, sha256), eq(attachments.name, name), eq(attachments.mime, parsed.data.mime)))
      .all()
      .find((r) => r.unitId === unitId && fs.existsSync(path.join(dir(ctx), r.id)));
    if (same) {
      const referenced = referencedAttachmentIds(ctx, ticketId).has(same.id);
      // A re-uploaded candidate starts its grace period again, so the sweep cannot take it before the reply.
      if (!referenced) ctx.db.update(attachments).set({ createdAt: now }).where(eq(attachments.id, same.id)).run();
      const { sha256: _sha, ...meta } = { ...same, createdAt: referenced ? same.createdAt : now };
      return { meta, created: false };
    }
    const { used, candidates } = usage(ctx, ticketId, unitId);
    if (used + candidates >= ATTACHMENTS_PER_TICKET_MAX) throw limitError(used);
    const id = uuidv7();
    fs.mkdirSync(dir(ctx), { recursive: true });
    const file = path.join(dir(ctx), id);
    // The file first, then its row: a crash in between leaves an orphan file (swept), never a row without data.
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    const row = { id, ticketId, unitId, name, mime: parsed.data.mime, size: bytes.length, sha256, createdBy: user.username, createdAt: now };
    try {
      ctx.db.insert(attachments).values(row).run();
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
    const { sha256: _sha, ...meta } = row;
    return { meta, created: true };
  });
}

/**
 * Checks the attachments a reply lists, inside the reply's transaction: each must be this unit's
 * upload on this ticket, and the ticket may not end up with more than the limit referenced.
 */
export function checkReplyAttachments(ctx: ServerContext, unitId: string, ticketId: string, ids: readonly string[]): void {
  const { referenced, used } = usage(ctx, ticketId, unitId);
  let added = 0;
  for (const id of new Set(ids)) {
    const file = findAttachment(ctx, id);
    if (!file || file.ticketId !== ticketId || file.unitId !== unitId) throw new HttpError(400, 'VALIDATION', `附件 ${id} 不存在或不属于本单位的这张工单，请重新上传`);
    if (!referenced.has(id)) added += 1;
  }
  if (used + added > ATTACHMENTS_PER_TICKET_MAX) throw limitError(used);
}

/**
 * A reply was refused: the candidates it listed (this unit's uploads on this ticket that no accepted
 * reply references) are deleted, so they no longer hold a slot. Returns the deleted ids.
 */
export function discardCandidates(ctx: ServerContext, unitId: string, ticketId: string, ids: readonly string[]): string[] {
  const wanted = [...new Set(ids)].filter(isAttachmentId);
  if (wanted.length === 0) return [];
  const removed = ctx.db.transaction(() => {
    const referenced = referencedAttachmentIds(ctx, ticketId);
    const rows = ctx.db
      .select({ id: attachments.id, unitId: attachments.unitId })
      .from(attachments)
      .where(and(eq(attachments.ticketId, ticketId), inArray(attachments.id, wanted)))
      .all()
      .filter((r) => r.unitId === unitId && !referenced.has(r.id))
      .map((r) => r.id);
    if (rows.length) ctx.db.delete(attachments).where(inArray(attachments.id, rows)).run();
    return rows;
  });
  removeFiles(ctx, removed);
  return removed;
}

/**
 * Removes uploads no accepted reply references that are older than `graceMs` (rows and files, the
 * rows in one transaction that re-reads every ticket's references), and stored files without a row
 * (a crash between writing the file and its row) older than `graceMs`. Returns the removed ids.
 */
export function sweepOrphanAttachments(ctx: ServerContext, graceMs = ORPHAN_GRACE_MS): string[] {
  const cutoffMs = ctx.now().getTime() - graceMs;
  const cutoff = new Date(cutoffMs).toISOString();
  const removed = ctx.db.transaction(() => {
    const stale = ctx.db.select({ id: attachments.id, ticketId: attachments.ticketId }).from(attachments).where(lt(attachments.createdAt, cutoff)).all();
    const byTicket = new Map<string, string[]>();
    for (const r of stale) byTicket.set(r.ticketId, [...(byTicket.get(r.ticketId) ?? []), r.id]);
    const orphans: string[] = [];
    for (const [ticketId, ids] of byTicket) {
      const referenced = referencedAttachmentIds(ctx, ticketId);
      orphans.push(...ids.filter((id) => !referenced.has(id)));
    }
    for (let i = 0; i < orphans.length; i += 500) ctx.db.delete(attachments).where(inArray(attachments.id, orphans.slice(i, i + 500))).run();
    return orphans;
  });
  removeFiles(ctx, removed);
  // Files without a row: listed after the commit, each checked against the table before removal.
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir(ctx));
  } catch {
    names = [];
  }
  for (const name of names) {
    if (!isAttachmentId(name) || findAttachment(ctx, name)) continue;
    const file = path.join(dir(ctx), name);
    try {
      if (fs.statSync(file).mtimeMs < cutoffMs) {
        fs.rmSync(file, { force: true });
        removed.push(name);
      }
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

export function findAttachment(ctx: ServerContext, id: string) {
  return ctx.db.select().from(attachments).where(eq(attachments.id, id)).get();
}

export function readAttachment(ctx: ServerContext, id: string): Buffer {
  if (!isAttachmentId(id)) throw new HttpError(404, 'NOT_FOUND', '没有这个附件');
  return fs.readFileSync(path.join(dir(ctx), id));
}
