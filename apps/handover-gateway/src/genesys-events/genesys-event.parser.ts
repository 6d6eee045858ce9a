import type { FieldProblem } from '@genesys-bridge/service-runtime';
import type { EndSignal, EndSignalKind, EndSignalPath } from '../end-detection/end-signal';

/** What one request body means: a signal for end detection, something to acknowledge and drop, or a bad request. */
export type ParsedGenesysEvent =
  | { kind: 'signal'; signal: Omit<EndSignal, 'connectionId'> }
  | { kind: 'ignored'; why: string }
  | { kind: 'invalid'; errors: FieldProblem[] };

/** `v2.detail.events.conversation.{id}.<suffix>` (genesys-api.md §5). */
const TOPIC = /^v2\.detail\.events\.conversation\.([^.]+)\.([a-z.]+)$/i;
/** The topic suffixes (and their Data Action short forms) end detection acts on. */
const KINDS: Readonly<Record<string, EndSignalKind>> = {
  'customer.end': 'customer-end',
  'user.end': 'user-end',
  acw: 'acw',
  'user.start': 'user-start',
  'acd.start': 'acd-start',
};
/** Detail-event suffixes that are real but say nothing about the end: acknowledged and dropped. */
const OTHER_SUFFIXES = new Set(['customer.start', 'acd.end', 'flow.start', 'flow.end', 'attributes', 'outbound', 'wrapup', 'voicemail.start', 'voicemail.end']);
/** Literal placeholders an admin may leave in a topic (`{id}` from the Trigger UI, `id` from Cognigy's setup). */
const ID_PLACEHOLDERS = new Set(['{id}', 'id']);
const CONVERSATION_ID = /^[A-Za-z0-9._-]{1,64}$/;
const DETAIL_FIELDS = ['disconnectType', 'userId', 'queueId', 'participantId'] as const;

/**
 * Reads one POST to `/genesys/events/{connectionId}` (pure): either
 *
 * (a) a **Data Action** body (Trigger → Workflow → Web Services Data Action, docs/end-detection/): flat
 *     `{conversationId, eventType | topicName, eventTime?, disconnectType?, userId?, queueId?, participantId?}`, where
 *     `eventType` is `customer.end`, `user.end`, `acw`, `user.start`, `acd.start` (or `customer-end`…) and `topicName`
 *     the full topic (`v2.detail.events.conversation.{id}.acw`; `{id}` may stay literal) — path `trigger`; or
 * (b) an **EventBridge** event (the Amazon EventBridge source → a rule → an API destination): `{"detail-type": <topic>,
 *     "time", "detail": {"topicName", "eventBody": {conversationId, eventTime, disconnectType, mediaType, messageType…}}}`
 *     — path `eventbridge`. The envelope (`detail.topicName`, `detail.eventBody`) is UNCONFIRMED against a live
 *     tenant; `detail-type` is used when `detail.topicName` is missing.
 *
 * `eventTime`: epoch milliseconds (the detail events' Int64) or ISO-8601; missing → the receive time. Events of other
 * media than MESSAGE, or of messaging other than OPEN, and other detail topics are `ignored` (202, nothing queued).
 * Architect sends unset variables as empty strings: those count as absent.
 */
export function parseGenesysEvent(body: Record<string, unknown>, receivedAt: Date): ParsedGenesysEvent {
  const eventBridge = 'detail-type' in body || 'detail' in body;
  return eventBridge ? parseEventBridge(body, receivedAt) : parseDataAction(body, receivedAt);
}

function parseDataAction(body: Record<string, unknown>, receivedAt: Date): ParsedGenesysEvent {
  const errors = new Problems();
  const eventType = optionalString(body, 'eventType', '', errors);
  const topicName = optionalString(body, 'topicName', '', errors);
  const kindSource = eventType ?? topicName;
  let topic: TopicMeaning | undefined;
  if (kindSource === undefined) errors.add('eventType', 'eventType (or topicName) is required: customer.end, user.end, acw, user.start or acd.start');
  else {
    topic = topicMeaning(kindSource);
    if (!topic) errors.add(eventType !== undefined ? 'eventType' : 'topicName', `unknown event ${JSON.stringify(kindSource.slice(0, 100))}: expected customer.end, user.end, acw, user.start, acd.start or a v2.detail.events.conversation.{id}.… topic`);
  }
  const conversationId = optionalString(body, 'conversationId', '', errors) ?? topic?.conversationId;
  if (conversationId === undefined) errors.add('conversationId', 'conversationId is required (the Genesys conversation id)');
  else if (!CONVERSATION_ID.test(conversationId)) errors.add('conversationId', 'conversationId must be a Genesys conversation id (1-64 letters, digits, ".", "_" or "-")');
  const eventTime = parseEventTime(body['eventTime'], 'eventTime', errors) ?? receivedAt;
  const detail = readDetail(body, '', errors);
  if (errors.any()) return { kind: 'invalid', errors: errors.list() };
  return meaning('trigger', topic as TopicMeaning, conversationId as string, eventTime, detail);
}

function parseEventBridge(body: Record<string, unknown>, receivedAt: Date): ParsedGenesysEvent {
  const errors = new Problems();
  const detailType = optionalString(body, 'detail-type', '', errors);
  const detail = body['detail'];
  if (!isObject(detail)) {
    errors.add('detail', 'detail must be an object (the Genesys event: {topicName, eventBody})');
    return { kind: 'invalid', errors: errors.list() };
  }
  const topicName = optionalString(detail, 'topicName', 'detail.', errors) ?? detailType;
  let topic: TopicMeaning | undefined;
  if (topicName === undefined) errors.add('detail.topicName', 'detail.topicName (or detail-type) is required: a v2.detail.events.conversation.{id}.… topic');
  else {
    topic = topicMeaning(topicName);
    if (!topic) errors.add('detail.topicName', `unknown topic ${JSON.stringify(topicName.slice(0, 200))}: expected v2.detail.events.conversation.{id}.customer.end, .user.end, .acw, .user.start or .acd.start`);
  }
  const eventBody = detail['eventBody'];
  if (!isObject(eventBody)) {
    errors.add('detail.eventBody', 'detail.eventBody must be an object (the detail event)');
    return { kind: 'invalid', errors: errors.list() };
  }
  const conversationId = optionalString(eventBody, 'conversationId', 'detail.eventBody.', errors) ?? topic?.conversationId;
  if (conversationId === undefined) errors.add('detail.eventBody.conversationId', 'detail.eventBody.conversationId is required (the Genesys conversation id)');
  else if (!CONVERSATION_ID.test(conversationId)) errors.add('detail.eventBody.conversationId', 'must be a Genesys conversation id (1-64 letters, digits, ".", "_" or "-")');
  const eventTime = parseEventTime(eventBody['eventTime'], 'detail.eventBody.eventTime', errors) ?? parseEventTime(body['time'], 'time', errors) ?? receivedAt;
  const signalDetail = readDetail(eventBody, 'detail.eventBody.', errors);
  const mediaType = optionalString(eventBody, 'mediaType', 'detail.eventBody.', errors);
  const messageType = optionalString(eventBody, 'messageType', 'detail.eventBody.', errors);
  if (errors.any()) return { kind: 'invalid', errors: errors.list() };
  if (mediaType !== undefined && mediaType.toUpperCase() !== 'MESSAGE') return { kind: 'ignored', why: `mediaType ${mediaType}` };
  if (messageType !== undefined && messageType.toUpperCase() !== 'OPEN') return { kind: 'ignored', why: `messageType ${messageType}` };
  return meaning('eventbridge', topic as TopicMeaning, conversationId as string, eventTime, signalDetail);
}

type TopicMeaning = { kind: EndSignalKind | null; conversationId?: string };

/** A topic or short event name → the signal kind (null: a real detail topic end detection does not act on). */
export function topicMeaning(value: string): TopicMeaning | undefined {
  const trimmed = value.trim();
  const topic = TOPIC.exec(trimmed);
  const suffix = (topic ? topic[2] : trimmed.replace(/-/g, '.')).toLowerCase();
  const id = topic && !ID_PLACEHOLDERS.has(topic[1].toLowerCase()) ? topic[1] : undefined;
  const kind = KINDS[suffix];
  if (kind) return { kind, ...(id ? { conversationId: id } : {}) };
  if (topic && OTHER_SUFFIXES.has(suffix)) return { kind: null, ...(id ? { conversationId: id } : {}) };
  return undefined;
}

function meaning(path: EndSignalPath, topic: TopicMeaning, genesysConversationId: string, eventTime: Date, detail: EndSignal['detail']): ParsedGenesysEvent {
  if (topic.kind === null) return { kind: 'ignored', why: 'a detail topic end detection does not act on' };
  return { kind: 'signal', signal: { genesysConversationId, path, kind: topic.kind, eventTime, ...(detail ? { detail } : {}) } };
}

function readDetail(source: Record<string, unknown>, prefix: string, errors: Problems): EndSignal['detail'] {
  const detail: NonNullable<EndSignal['detail']> = {};
  for (const field of DETAIL_FIELDS) {
    const value = optionalString(source, field, prefix, errors);
    if (value !== undefined) detail[field] = value.slice(0, 64);
  }
  return Object.keys(detail).length > 0 ? detail : undefined;
}

/** Epoch ms (number or digits) or ISO-8601; undefined when absent or empty. */
function parseEventTime(value: unknown, path: string, errors: Problems): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? (/^\d+$/.test(value.trim()) ? Number(value.trim()) : Date.parse(value)) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    errors.add(path, `${path} must be epoch milliseconds or an ISO-8601 time`);
    return undefined;
  }
  return new Date(ms);
}

/** A string field; absent, null and '' are undefined; another type is a problem. */
function optionalString(source: Record<string, unknown>, field: string, prefix: string, errors: Problems): string | undefined {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors.add(`${prefix}${field}`, `${prefix}${field} must be a string`);
    return undefined;
  }
  return value.trim() === '' ? undefined : value.trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Problems {
  private readonly byPath = new Map<string, string[]>();

  add(path: string, problem: string): void {
    this.byPath.set(path, [...(this.byPath.get(path) ?? []), problem]);
  }

  any(): boolean {
    return this.byPath.size > 0;
  }

  list(): FieldProblem[] {
    return [...this.byPath].map(([path, problems]) => ({ path, problems }));
  }
}
