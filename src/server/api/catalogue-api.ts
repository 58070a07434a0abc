/**
 * Unit registry and responsibility catalogue over HTTP. Everyone signed in reads units (pickers);
 * staff clients fetch the published catalogue as a delta from the version they hold; admins edit
 * the draft (entry by entry or by CSV import), publish, retire and rename units. A failed import or
 * publish changes nothing and lists every problem (CSV: with its line number).
 */
import { z } from 'zod';
import { TIME_TIERS } from '../../shared/domain';
import { ENTRY_DISPATCH_MODES, UNIT_TYPES, type CatalogueEntry } from '../../main/core/catalogue';
import type { ServerContext } from '../context';
import { HttpError, invalid, readBody, readJson, requireUser, send, toHttpError, type Route } from './http-util';
import type { Role } from '../../shared/sync-wire';

const CATALOGUE_READERS: readonly Role[] = ['agent', 'lead', 'dispatcher', 'admin'];
const CSV_MAX = 4 * 1024 * 1024;

/** Runs a registry/catalogue write; domain errors become 400 with their problems listed. */
function domainWrite<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toHttpError(error);
  }
}

const NewUnit = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().optional(),
    type: z.enum(UNIT_TYPES),
    sector: z.string(),
    districtCode: z.string().nullable().optional(),
    streetCode: z.string().nullable().optional(),
    contact: z.string().max(200).optional(),
  })
  .strict();
const Rename = z.object({ name: z.string(), shortName: z.string().optional() }).strict();
const Retire = z.object({ replacedBy: z.string().nullable().optional() }).strict();
const Entry = z
  .object({
    matter: z.string(),
    categoryPath: z.string(),
    keywords: z.array(z.string()).max(50),
    responsible: z.string(),
    coHandling: z.string().nullable().default(null),
    dispatchMode: z.enum(ENTRY_DISPATCH_MODES),
    timeTier: z.enum(TIME_TIERS),
    legalBasis: z.string(),
  })
  .strict();
const Publish = z.object({ note: z.string().max(500).default('') }).strict();

async function parse<T>(req: Parameters<Route['handle']>[1], schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(req));
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data;
}

function unitChanged(ctx: ServerContext): void {
  ctx.dispatch.catalogue.registryChanged();
}

export const CATALOGUE_ROUTES: Route[] = [
  {
    method: 'GET',
    path: '/api/units',
    handle: (ctx, req, res, _params, url) => {
      requireUser(ctx, req);
      const q = (url.searchParams.get('q') ?? '').trim();
      const type = url.searchParams.get('type');
      const withRetired = url.searchParams.get('includeRetired') === '1';
      const list = ctx.dispatch.units.current
        .all()
        .filter((u) => withRetired || u.status === 'active')
        .filter((u) => !type || u.type === type)
        .filter((u) => !q || u.name.includes(q) || u.shortName.includes(q) || u.id.includes(q) || u.nameHistory.some((h) => h.name.includes(q)));
      send(res, 200, { units: list });
    },
  },
  {
    method: 'GET',
    path: '/api/units/:id',
    handle: (ctx, req, res, params) => {
      requireUser(ctx, req);
      const unit = ctx.dispatch.units.get(params.id!);
      if (!unit) throw new HttpError(404, 'NOT_FOUND', `未知的承办单位：${params.id}`);
      send(res, 200, { unit });
    },
  },
  {
    method: 'POST',
    path: '/api/units',
    handle: async (ctx, req, res) => {
      requireUser(ctx, req, ['admin']);
      const body = await parse(req, NewUnit);
      const unit = domainWrite(() => ctx.dispatch.units.add(body, ctx.now().toISOString()));
      unitChanged(ctx);
      send(res, 201, { unit });
    },
  },
  {
    method: 'POST',
    path: '/api/units/:id/rename',
    handle: async (ctx, req, res, params) => {
      requireUser(ctx, req, ['admin']);
      const body = await parse(req, Rename);
      const unit = domainWrite(() => ctx.dispatch.units.rename(params.id!, body.name, ctx.now().toISOString(), body.shortName));
      unitChanged(ctx);
      send(res, 200, { unit });
    },
  },
  {
    method: 'POST',
    path: '/api/units/:id/retire',
    handle: async (ctx, req, res, params) => {
      requireUser(ctx, req, ['admin']);
      const body = await parse(req, Retire);
      const unit = domainWrite(() => ctx.dispatch.units.retire(params.id!, ctx.now().toISOString(), body.replacedBy ?? null));
      unitChanged(ctx);
      send(res, 200, { unit });
    },
  },
  {
    method: 'POST',
    path: '/api/users/:username/unit',
    handle: async (ctx, req, res, params) => {
      requireUser(ctx, req, ['admin']);
      const body = await parse(req, z.object({ unitId: z.string().max(64) }).strict());
      const problem = ctx.dispatch.units.current.dispatchProblem(body.unitId);
      if (problem) throw new HttpError(400, 'VALIDATION', `所属单位无效：${problem}`);
      const user = ctx.accounts.setUnit(params.username!, body.unitId);
      if (!user) throw new HttpError(404, 'NOT_FOUND', `没有承办单位账号 ${params.username}`);
      send(res, 200, { user });
    },
  },
  {
    method: 'GET',
    path: '/api/catalogue',
    handle: (ctx, req, res, _params, url) => {
      requireUser(ctx, req, CATALOGUE_READERS);
      const since = Number(url.searchParams.get('since') ?? '0');
      const catalogue = ctx.dispatch.catalogue;
      if (!Number.isInteger(since) || since < 0 || since > catalogue.currentVersion) {
        throw new HttpError(400, 'VALIDATION', `参数有误：since 应为 0–${catalogue.currentVersion} 的整数（本地持有的职责目录版本）`);
      }
      const meta = catalogue.listVersions().at(-1) ?? null;
      const delta = since === catalogue.currentVersion ? null : domainWrite(() => catalogue.delta(since));
      send(res, 200, { version: catalogue.currentVersion, publishedAt: meta?.publishedAt ?? null, note: meta?.note ?? '', delta });
    },
  },
  {
    method: 'GET',
    path: '/api/catalogue/versions',
    handle: (ctx, req, res) => {
      requireUser(ctx, req, CATALOGUE_READERS);
      send(res, 200, { versions: ctx.dispatch.catalogue.listVersions(), hasDraft: ctx.dispatch.catalogue.hasDraft() });
    },
  },
  {
    method: 'GET',
    path: '/api/catalogue/export.csv',
    handle: (ctx, req, res, _params, url) => {
      requireUser(ctx, req, ['dispatcher', 'admin']);
      const raw = url.searchParams.get('version');
      const version = raw === 'draft' ? undefined : raw === null ? ctx.dispatch.catalogue.currentVersion : Number(raw);
      if (version !== undefined && !Number.isInteger(version)) throw new HttpError(400, 'VALIDATION', '参数有误：version 应为版本号或 draft');
      const csv = domainWrite(() => ctx.dispatch.catalogue.exportCsv(version));
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="catalogue-${version ?? 'draft'}.csv"`,
        'cache-control': 'no-store',
      });
      res.end(csv);
    },
  },
  {
    method: 'GET',
    path: '/api/catalogue/draft',
    handle: (ctx, req, res) => {
      requireUser(ctx, req, ['admin']);
      const c = ctx.dispatch.catalogue;
      send(res, 200, { baseVersion: c.currentVersion, hasDraft: c.hasDraft(), entries: c.draftEntries() });
    },
  },
  {
    method: 'PUT',
    path: '/api/catalogue/draft/entries/:id',
    handle: async (ctx, req, res, params) => {
      const user = requireUser(ctx, req, ['admin']);
      const body = await parse(req, Entry);
      const entry: CatalogueEntry = { id: params.id!, ...body };
      const saved = domainWrite(() => ctx.dispatch.catalogue.upsertDraftEntry(entry, user.username, ctx.now().toISOString()));
      send(res, 200, { entry: saved });
    },
  },
  {
    method: 'DELETE',
    path: '/api/catalogue/draft/entries/:id',
    handle: (ctx, req, res, params) => {
      const user = requireUser(ctx, req, ['admin']);
      domainWrite(() => ctx.dispatch.catalogue.removeDraftEntry(params.id!, user.username, ctx.now().toISOString()));
      send(res, 200, { ok: true });
    },
  },
  {
    method: 'DELETE',
    path: '/api/catalogue/draft',
    handle: (ctx, req, res) => {
      requireUser(ctx, req, ['admin']);
      ctx.dispatch.catalogue.discardDraft();
      send(res, 200, { ok: true });
    },
  },
  {
    method: 'POST',
    path: '/api/catalogue/draft/import',
    handle: async (ctx, req, res) => {
      const user = requireUser(ctx, req, ['admin']);
      const text = (await readBody(req, CSV_MAX)).toString('utf8').replace(/^\uFEFF/, '');
      const result = domainWrite(() => ctx.dispatch.catalogue.importDraftCsv(text, user.username, ctx.now().toISOString()));
      send(res, 200, result);
    },
  },
  {
    method: 'POST',
    path: '/api/catalogue/publish',
    handle: async (ctx, req, res) => {
      const user = requireUser(ctx, req, ['admin']);
      const body = await parse(req, Publish);
      const { version, delta } = domainWrite(() => ctx.dispatch.catalogue.publish(user.username, ctx.now().toISOString(), body.note));
      ctx.announceCatalogue(version.version);
      send(res, 200, { version: version.version, entryCount: version.entries.length, upserts: delta.upserts.length, removed: delta.removedIds.length });
    },
  },
];
