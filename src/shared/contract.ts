/**
 * The one contract between the renderer and the client core. Every call from the renderer is a
 * method name from `API` with an input validated by its zod schema at the process boundary
 * (Electron IPC in the desktop app, HTTP in web mode); outputs are typed from the same schemas.
 * Pushed events are the `EVENTS` map. No string channel names live anywhere else.
 */
import { z } from 'zod';
import { APPEAL_TYPES, CHANNELS, EMERGENCY_SERVICES, SYNC_STATES, TICKET_STATUSES, TIME_TIERS } from './domain';
import { AppealInput } from './validation';
import { LEGAL_CHANNELS } from './dispatch/schemas';
import { ROLES, SEAT_STATES } from './sync-wire';

/** Seat states an agent sets; 离线 is the server's own conclusion when the seat disconnects. */
const AGENT_SEAT_STATES = SEAT_STATES.filter((s): s is Exclude<(typeof SEAT_STATES)[number], 'offline'> => s !== 'offline') as [
  'ready',
  'on_call',
  'wrap_up',
  'break',
];

/** Electron IPC channel names (the web transport uses `/api/<method>` and one socket). */
export const IPC_INVOKE = 'hotline:invoke';
export const IPC_EVENT = 'hotline:event';

/** Header carrying the per-start session token in web mode. */
export const SESSION_TOKEN_HEADER = 'x-hotline-token';

// ---------------------------------------------------------------------------------------------
// Shapes returned by the core

export const Division = z.object({
  code: z.string(),
  name: z.string(),
  districtCode: z.string().nullable(), // null for a district itself
  districtName: z.string(),
  pinyin: z.string(), // full pinyin without tones or spaces, e.g. wangjingjiedao
  initials: z.string(), // pinyin initials, e.g. wjjd
  aliases: z.array(z.string()),
});
export type Division = z.infer<typeof Division>;

export const TaxonomyLeaf = z.object({
  path: z.string(), // "城乡建设/安全生产/事故处理"
  level1: z.string(),
  level2: z.string(),
  level3: z.string(),
  pinyin: z.string(),
  initials: z.string(),
});
export type TaxonomyLeaf = z.infer<typeof TaxonomyLeaf>;

export const TicketEvent = z.object({
  id: z.string(),
  ticketId: z.string(),
  at: z.string(), // ISO time
  actor: z.string(),
  kind: z.string(), // created | edited | synced | numbered | rejected | transferred | ...
  summary: z.string(), // one line in Chinese for the timeline
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

const ticketCommon = {
  id: z.string(),
  number: z.string(), // official number once synced, else provisional (离线-0007)
  officialNumber: z.string().nullable(),
  status: z.enum(TICKET_STATUSES),
  syncState: z.enum(SYNC_STATES),
  syncError: z.string().nullable(),
  channel: z.enum(CHANNELS),
  appealType: z.enum(APPEAL_TYPES),
  categoryPath: z.string(),
  timeTier: z.enum(TIME_TIERS),
  title: z.string(),
  districtCode: z.string().nullable(),
  streetCode: z.string().nullable(),
  locationLabel: z.string(), // "朝阳区 望京街道"
  isEnterprise: z.boolean(),
  anonymous: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  version: z.number().int(),
};

/** A row of "My tickets": personal data masked. */
export const TicketSummary = z.object({
  ...ticketCommon,
  callerPhoneMasked: z.string(),
  callerNameMasked: z.string(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

/** The ticket page: full personal data (every read is audited) and the history timeline. */
export const TicketDetail = z.object({
  ...ticketCommon,
  callerPhone: z.string().nullable(),
  callerName: z.string(),
  enterpriseName: z.string(),
  address: z.string(),
  content: z.string(),
  events: z.array(TicketEvent),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

export const Draft = z.object({
  id: z.string(),
  appeal: z.record(z.string(), z.unknown()), // partial form state; validated only on save
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof Draft>;

export const Session = z.object({
  agentId: z.string(),
  agentName: z.string(),
  seat: z.string(),
  signedInAt: z.string(),
  // Set when signed in to the central server (absent for a local profile without a server).
  username: z.string().optional(),
  role: z.enum(ROLES).optional(),
  offline: z.boolean().optional(), // signed in against this machine's verifier while the server was unreachable
});
export type Session = z.infer<typeof Session>;

export const ConnectionStatus = z.object({
  state: z.enum(['online', 'offline', 'syncing', 'error', 'disabled']),
  pending: z.number().int(),
  detail: z.string().nullable(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

// ---------------------------------------------------------------------------------------------
// Classification assist (issue 6): suggestions the agent accepts with one key or overrides

export const Suggestion = z.object({
  value: z.string(), // appeal type, category path, division code or tier
  label: z.string(), // what the panel shows
  confidence: z.number().min(0).max(1),
  why: z.string().optional(), // e.g. the phrase that matched
});
export type Suggestion = z.infer<typeof Suggestion>;

export const EmergencyAlert = z.object({
  service: z.enum(EMERGENCY_SERVICES),
  kind: z.string(), // 火灾 / 燃气泄漏 / 人员被困 / 正在发生的犯罪 / 暴力威胁 / 医疗急症 ...
  trigger: z.string(), // the phrase in the text that triggered it
  confidence: z.number().min(0).max(1),
});
export type EmergencyAlert = z.infer<typeof EmergencyAlert>;

export const CatalogueMatch = z.object({
  entryId: z.string(),
  matter: z.string(),
  unitName: z.string(),
  dispatchMode: z.enum(['direct', 'dual']),
  why: z.string(),
  score: z.number(),
  // What a one-key dispatch needs (filled by the catalogue matcher; optional for other sources).
  unitId: z.string().nullable().optional(),
  coUnitIds: z.array(z.string()).optional(),
  coUnitNames: z.array(z.string()).optional(),
  timeTier: z.enum(TIME_TIERS).optional(),
  categoryPath: z.string().optional(),
  legalBasis: z.string().optional(),
  catalogueVersion: z.number().int().optional(),
});
export type CatalogueMatch = z.infer<typeof CatalogueMatch>;

export const AssistInput = z
  .object({
    title: z.string().max(200),
    content: z.string().max(10_000),
    districtCode: z.string().max(12).nullable().optional(),
    streetCode: z.string().max(12).nullable().optional(),
    address: z.string().max(200).optional(),
    isEnterprise: z.boolean().optional(),
    categoryPath: z.string().max(120).nullable().optional(), // the agent's pick, if any: steers catalogue matches
  })
  .strict();
export type AssistInput = z.infer<typeof AssistInput>;

export const AssistResult = z.object({
  appealType: z.array(Suggestion), // best first, up to 3
  category: z.array(Suggestion), // category paths, best first, up to 3
  district: Suggestion.nullable(),
  street: Suggestion.nullable(),
  timeTier: Suggestion,
  emergency: EmergencyAlert.nullable(),
  catalogue: z.array(CatalogueMatch),
});
export type AssistResult = z.infer<typeof AssistResult>;

/** The agent's decision on one suggestion, kept as training feedback. */
export const AssistFeedback = z
  .object({
    draftId: z.string().max(64),
    field: z.enum(['appealType', 'category', 'district', 'street', 'timeTier', 'emergency']),
    suggested: z.string().nullable(),
    chosen: z.string().nullable(),
    accepted: z.boolean(),
    textSnapshot: z.string().max(10_000).default(''), // title + content the suggestion was made for
  })
  .strict();

/** A one-key transfer to 110/119/120 or its dismissal, recorded on the ticket. */
export const EmergencyDecision = z
  .object({
    draftId: z.string().min(1).max(64),
    ticketId: z.string().max(64).nullable(), // null while the appeal is still a draft
    action: z.enum(['transfer', 'dismiss']),
    service: z.enum(EMERGENCY_SERVICES),
    kind: z.string().max(40),
    trigger: z.string().max(200),
    reason: z.string().trim().max(200), // required for a dismissal
    textSnapshot: z.string().max(10_000),
    appeal: z.record(z.string(), z.unknown()), // the form as it is, to create the ticket on transfer
    manual: z.boolean(), // true when the agent transferred without a detection
  })
  .strict()
  .refine((d) => d.action !== 'dismiss' || d.reason.length > 0, {
    path: ['reason'],
    message: '请说明不转接的原因',
  });
export type EmergencyDecision = z.infer<typeof EmergencyDecision>;

/** What the telephony adapter tells the agent to do (manual mode: dial and read the checklist). */
export const TransferInstructions = z.object({
  ticketId: z.string(),
  service: z.enum(EMERGENCY_SERVICES),
  mode: z.enum(['manual', 'cti']),
  dialNumber: z.string(),
  checklist: z.array(z.string()),
});
export type TransferInstructions = z.infer<typeof TransferInstructions>;

// ---------------------------------------------------------------------------------------------
// Inputs

export const TicketListQuery = z
  .object({
    status: z.enum(TICKET_STATUSES).optional(),
    appealType: z.enum(APPEAL_TYPES).optional(),
    from: z.string().date({ message: '开始日期应为有效日期，如 2026-11-26' }).optional(), // inclusive, Beijing date
    to: z.string().date({ message: '结束日期应为有效日期，如 2026-11-26' }).optional(),
    text: z.string().max(100, { message: '搜索词不能超过100个字' }).optional(), // searched in title and content
    limit: z.number().int().min(1).max(500, { message: '每次最多列出500条' }).default(200),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type TicketListQuery = z.input<typeof TicketListQuery>;

const Empty = z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// The API map: method → input schema + output schema

export const API = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'web']),
      dataDir: z.string(),
      serverUrl: z.string().nullable(), // null: local profile only, no sync
    }),
  },
  'session.current': { input: Empty, output: Session.nullable() },
  'session.signIn': {
    input: z
      .object({
        // Local profile (no server): the agent's name. With a server: username + password instead.
        agentName: z.string().trim().max(20, { message: '姓名最多20个字' }).optional(),
        username: z.string().trim().max(64).optional(),
        password: z.string().max(256).optional(),
        seat: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{1,12}$/, { message: '坐席号只能是字母、数字或“-”，最多12位' }),
      })
      .strict(),
    output: Session,
  },
  'session.signOut': { input: Empty, output: z.null() },
  // 坐席状态, pushed to team leads by the server (best effort: the seat works the same offline).
  'seat.setState': {
    input: z.object({ state: z.enum(AGENT_SEAT_STATES, { message: '坐席状态只能是就绪、通话中、话后处理或小休' }) }).strict(),
    output: z.object({ state: z.enum(AGENT_SEAT_STATES) }),
  },
  'seat.current': { input: Empty, output: z.object({ state: z.enum(AGENT_SEAT_STATES) }) },
  'divisions.list': { input: Empty, output: z.array(Division) },
  'taxonomy.list': { input: Empty, output: z.array(TaxonomyLeaf) },
  'tickets.create': {
    input: z.object({ appeal: AppealInput, draftId: z.string().max(64).optional() }).strict(),
    output: TicketDetail,
  },
  'tickets.list': { input: TicketListQuery, output: z.array(TicketSummary) },
  // Change the appeal's own fields after saving (type, category, tier, title, content, location).
  // `changes` is checked against the same field rules as a new appeal; errors come back per field.
  'tickets.edit': {
    input: z.object({ id: z.string().min(1).max(64), changes: z.record(z.string(), z.unknown()) }).strict(),
    output: TicketDetail,
  },
  'tickets.get': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: TicketDetail },
  'drafts.save': {
    input: z.object({ id: z.string().min(1).max(64), appeal: z.record(z.string(), z.unknown()) }).strict(),
    // null: the draft was already saved as a ticket (a late autosave racing the save); nothing stored.
    output: Draft.nullable(),
  },
  'drafts.latest': { input: Empty, output: Draft.nullable() },
  'drafts.discard': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: z.null() },
  'sync.status': { input: Empty, output: ConnectionStatus },
  'assist.suggest': { input: AssistInput, output: AssistResult },
  'assist.feedback': { input: AssistFeedback, output: z.null() },
  'emergency.record': { input: EmergencyDecision, output: TransferInstructions.nullable() },
  // Dispatch panel on the ticket page (issue 5): suggestions from the responsibility catalogue, then one key.
  'dispatch.suggest': { input: z.object({ ticketId: z.string().min(1).max(64) }).strict(), output: z.array(CatalogueMatch) },
  'dispatch.send': {
    input: z
      .object({
        ticketId: z.string().min(1).max(64),
        entryId: z.string().min(1).max(64),
        note: z.string().trim().max(500, { message: '派单说明不能超过500个字' }).optional(),
      })
      .strict(),
    output: TicketDetail,
  },
  // Close at intake without dispatch: a 咨询 answered on the call, or a referral to a legal channel.
  'tickets.closeWithoutDispatch': {
    input: z
      .object({
        ticketId: z.string().min(1).max(64),
        closure: z.discriminatedUnion('type', [
          z
            .object({
              type: z.literal('answer_directly'),
              answer: z.string().trim().min(1, { message: '请填写答复内容' }).max(2000, { message: '答复内容不能超过2000个字' }),
              basis: z.string().trim().max(500).optional(),
            })
            .strict(),
          z
            .object({
              type: z.literal('refer_legal'),
              channel: z.enum(LEGAL_CHANNELS, { message: '请选择法定途径' }),
              explanation: z.string().trim().min(1, { message: '请填写引导说明' }).max(2000, { message: '引导说明不能超过2000个字' }),
            })
            .strict(),
        ]),
      })
      .strict(),
    output: TicketDetail,
  },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.infer<(typeof API)[M]['output']>;
export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

// ---------------------------------------------------------------------------------------------
// Events pushed from the core to the renderer

export const EVENTS = {
  'tickets.changed': z.object({ ids: z.array(z.string()) }),
  'sync.status': ConnectionStatus,
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;

// ---------------------------------------------------------------------------------------------
// Errors: every failure crossing the boundary has this shape

export const ERROR_CODES = [
  'VALIDATION', // input broke a field rule; fieldErrors says which
  'UNKNOWN_METHOD',
  'UNAUTHORIZED', // missing or wrong session token
  'NOT_SIGNED_IN',
  'NOT_FOUND',
  'CONFLICT',
  'STORAGE', // database unavailable, corrupt or read-only
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(), // Chinese, for the agent
  fieldErrors: z.record(z.string(), z.string()).optional(), // field path → Chinese message
});
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
