import type { IntegrationInput } from '../integrations/integration.model';
import type { LanguageInput, QueueInput, SkillInput } from '../routing/routing.model';
import type { OAuthClientInput } from '../auth/oauth-client.model';
import type { BotConnectorIntegrationInput, DigitalBotConnectorIntegrationInput } from '../bot-connector/bot-connector.model';
import { defaultNotificationOptions, type NotificationOptions } from '../notifications/notification-options';

export interface RateLimitSettings {
  /** Requests allowed per window. */
  limit: number;
  /** Fixed window length; the window starts with its first request. */
  windowMs: number;
}

/** A fault fires for the next `next` eligible events, then with `probability` (seeded RNG). */
export interface FaultTrigger {
  next: number;
  probability: number;
}

export interface ApiErrorFault extends FaultTrigger {
  status: 429 | 500 | 502 | 503 | 504;
}

/** The request is processed (and recorded) like a success, then answered with this 5xx instead. */
export interface AcceptThenErrorFault extends FaultTrigger {
  status: 500 | 502 | 503 | 504;
}

export interface ApiHangFault extends FaultTrigger {
  /** null: hold the request until the client gives up (or the sim closes); else answer 504 after this many ms. */
  releaseAfterMs: number | null;
}

export interface FaultOptions {
  /** Seed of the RNG used by every probability below. Changing it at runtime re-seeds. */
  seed: number;
  /** Added before every Genesys API / OAuth response (not /sim). */
  apiLatencyMs: number;
  apiError: ApiErrorFault;
  apiHang: ApiHangFault;
  /**
   * "500 after accept" on the Open Messaging inbound endpoints (message, event, receipt, structured response): the
   * call is validated, stored and recorded as received (conversation, transcript, `state.inboundMessages`, …), then
   * answered with `status`. The caller cannot tell that it went through; its resend is a duplicate.
   */
  inboundAcceptThenError: AcceptThenErrorFault;
  /** The webhook payload is POSTed twice (same bytes, same signature). */
  webhookDuplicate: FaultTrigger;
  /** The message is held and sent after the next message of the same conversation. */
  webhookReorder: FaultTrigger;
}

export interface WebhookOptions {
  /** Per-attempt timeout (Genesys: 10 s). */
  timeoutMs: number;
  /** Fixed pause between attempts (Genesys: 5 s). */
  retryIntervalMs: number;
  /** Retries after the first attempt (Genesys: 5, so 6 attempts). */
  maxRetries: number;
  /** UNCONFIRMED ordering: one conversation's deliveries one after another, or all concurrently. */
  ordering: 'per-conversation' | 'unordered';
  /** How long a reordered message waits for a successor before it is sent anyway. */
  reorderHoldMs: number;
  /** UNCONFIRMED prefix case/presence: `sha256=` as documented, or anything else (e.g. ''). */
  signaturePrefix: string;
  /** UNCONFIRMED: whether Genesys posts `type:"Receipt"` messages for inbound messages to the webhook. */
  deliverReceipts: boolean;
  /** UNCONFIRMED: structured content reaches the webhook as-is, or degraded to plain text. */
  structuredContent: 'structured' | 'text-only';
  /** UNCONFIRMED: `conversationId` is in some observed payloads and missing from others. */
  includeConversationId: boolean;
  /** Reported by one integrator: a webhook that keeps failing fails the whole chat (conversation disconnected). */
  disconnectOnGiveUp: boolean;
}

/** Architect "Call Bot Connector" (v1, genesys-api.md §1.1–§1.5). */
export interface BotConnectorOptions {
  /** UNCONFIRMED response deadline of one turn (third-party reports ~7–11 s); a late answer fails the turn. */
  turnTimeoutMs: number;
  /** UNCONFIRMED: resend the same turn (same messageId) once after a timeout. */
  retryOnTimeout: boolean;
  /** UNCONFIRMED: read the pre-GA `replymessages` key like `replyMessages` (when false it makes the answer invalid). */
  acceptLowercaseReplyMessages: boolean;
  /** UNCONFIRMED third-party report: the same intent on more than `loopGuardMaxRepeats` consecutive MoreData turns without a slot change fails the session. */
  loopGuard: boolean;
  loopGuardMaxRepeats: number;
}

/** Architect "Call Digital Bot Connector" (v2, genesys-api.md §1.6). */
export interface DigitalBotConnectorOptions {
  /** Architect "Bot Response Timeout" (default 30 s, min 1 s): from sending a turn until the outgoing reply arrives. */
  botResponseTimeoutMs: number;
  /** UNCONFIRMED: how long a synchronous call to the bot service (GET /bots, GET /bots/{id}, the POST /messages ack) may take. */
  requestTimeoutMs: number;
  /** UNCONFIRMED: an outgoing message for a turn that already ended (late, or answered): 400 `reject` or 200 `accept` (ignored). */
  lateReplies: 'reject' | 'accept';
  /** Genesys allows at most 5 Digital Bot Connector integrations (§1.6). */
  maxIntegrations: number;
}

export interface GenesysSimOptions {
  host: string;
  port: number;
  /** Default access-token lifetime returned as `expires_in` (Genesys default 24 h). Fractions allowed for tests. */
  tokenLifetimeSeconds: number;
  /** Per access token (Genesys `client.credentials.token.rate.per.minute` = 300). */
  rateLimit: RateLimitSettings;
  /** UNCONFIRMED org-wide cap across all tokens; null = none. */
  orgRateLimit: RateLimitSettings | null;
  /** UNCONFIRMED per-integration limit on the inbound Open Messaging endpoints; null = none. */
  inboundRateLimit: RateLimitSettings | null;
  /** Genesys `request.bytes.max`. */
  maxRequestBytes: number;
  /** UNCONFIRMED: same channel.messageId + channel.time sent again. */
  duplicateInboundMessages: 'accept' | 'reject' | 'dedupe';
  /** UNCONFIRMED: a receipt for a message id Genesys never sent. */
  unknownReceiptMessageIds: 'reject' | 'accept';
  /** UNCONFIRMED threading: a message this soon after the end reopens the ended conversation; 0 = always a new one. */
  threadingWindowMs: number;
  /** UNCONFIRMED: whether Genesys GETs inbound attachment URLs. */
  fetchInboundAttachments: boolean;
  /** UNCONFIRMED limit on inbound text length; null = none. */
  maxInboundTextLength: number | null;
  /** UNCONFIRMED: PATCH participant attributes merges into or replaces the existing map. */
  attributePatchMode: 'merge' | 'replace';
  /** UNCONFIRMED API-level limits on participant attributes (also customAttributes); null = none. */
  maxParticipantAttributes: number | null;
  maxAttributeValueLength: number | null;
  /** UNCONFIRMED: case sensitivity of the routing `name` filters. */
  queueNameCaseSensitive: boolean;
  /** UNCONFIRMED maximum `pageSize` on routing lists; null = none. */
  maxPageSize: number | null;
  /**
   * How long a disconnected agent leg stays in after-call work before the timeout wrap-up is applied (the `acw`
   * event fires then); null = until `sim.agent(id).wrapUp()`.
   */
  afterCallWorkMs: number | null;
  webhook: WebhookOptions;
  botConnector: BotConnectorOptions;
  digitalBotConnector: DigitalBotConnectorOptions;
  notifications: NotificationOptions;
  faults: FaultOptions;
  /** Seed data. */
  clients: OAuthClientInput[];
  integrations: IntegrationInput[];
  botConnectorIntegrations: BotConnectorIntegrationInput[];
  digitalBotConnectorIntegrations: DigitalBotConnectorIntegrationInput[];
  queues: QueueInput[];
  skills: SkillInput[];
  languages: LanguageInput[];
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type GenesysSimOptionsInput = DeepPartial<GenesysSimOptions>;

export function defaultSimOptions(): GenesysSimOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    tokenLifetimeSeconds: 86_400,
    rateLimit: { limit: 300, windowMs: 60_000 },
    orgRateLimit: null,
    inboundRateLimit: null,
    maxRequestBytes: 512_000,
    duplicateInboundMessages: 'accept',
    unknownReceiptMessageIds: 'reject',
    threadingWindowMs: 0,
    fetchInboundAttachments: false,
    maxInboundTextLength: null,
    attributePatchMode: 'merge',
    maxParticipantAttributes: null,
    maxAttributeValueLength: null,
    queueNameCaseSensitive: false,
    maxPageSize: 500,
    afterCallWorkMs: 0,
    webhook: {
      timeoutMs: 10_000,
      retryIntervalMs: 5_000,
      maxRetries: 5,
      ordering: 'per-conversation',
      reorderHoldMs: 1_000,
      signaturePrefix: 'sha256=',
      deliverReceipts: false,
      structuredContent: 'structured',
      includeConversationId: true,
      disconnectOnGiveUp: false,
    },
    botConnector: {
      turnTimeoutMs: 10_000,
      retryOnTimeout: false,
      acceptLowercaseReplyMessages: false,
      loopGuard: true,
      loopGuardMaxRepeats: 3,
    },
    digitalBotConnector: {
      botResponseTimeoutMs: 30_000,
      requestTimeoutMs: 10_000,
      lateReplies: 'reject',
      maxIntegrations: 5,
    },
    notifications: defaultNotificationOptions(),
    faults: {
      seed: 1,
      apiLatencyMs: 0,
      apiError: { next: 0, probability: 0, status: 503 },
      apiHang: { next: 0, probability: 0, releaseAfterMs: null },
      inboundAcceptThenError: { next: 0, probability: 0, status: 500 },
      webhookDuplicate: { next: 0, probability: 0 },
      webhookReorder: { next: 0, probability: 0 },
    },
    clients: [],
    integrations: [],
    botConnectorIntegrations: [],
    digitalBotConnectorIntegrations: [],
    queues: [],
    skills: [],
    languages: [],
  };
}

function isMergeableObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges overrides into defaults: objects merge key by key, arrays and scalars (and null) replace. */
export function resolveSimOptions(input: GenesysSimOptionsInput = {}): GenesysSimOptions {
  return mergeInto(defaultSimOptions() as unknown as Record<string, unknown>, input) as unknown as GenesysSimOptions;
}

function mergeInto(target: Record<string, unknown>, source: unknown): Record<string, unknown> {
  if (!isMergeableObject(source)) return target;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = target[key];
    target[key] = isMergeableObject(current) && isMergeableObject(value) ? mergeInto({ ...current }, value) : value;
  }
  return target;
}

/** Applies overrides to live options in place (nested objects keep their identity), for runtime fault injection. */
export function applyOptionOverrides(target: GenesysSimOptions, overrides: GenesysSimOptionsInput): GenesysSimOptions {
  patchInPlace(target as unknown as Record<string, unknown>, overrides);
  return target;
}

function patchInPlace(target: Record<string, unknown>, source: unknown): void {
  if (!isMergeableObject(source)) return;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = target[key];
    if (isMergeableObject(current) && isMergeableObject(value)) patchInPlace(current, value);
    else target[key] = value;
  }
}
