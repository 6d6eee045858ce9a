import { isRecord, type JsonRecord, nonEmptyString } from '../../json-values';

/** The SDK calls we make, with their `{baseUrl}/{call}/{requestId}` path segment (bot-platforms.md §B4). */
export const BOTKIT_CALLS = {
  sendUserMessage: 'sendUserMessage',
  sendBotMessage: 'sendBotMessage',
  clearAgentSession: 'clearAgentSession',
  extendRequestId: 'extendcallid',
} as const;
export type BotKitCall = keyof typeof BOTKIT_CALLS;

/**
 * What one BotKit callback (`on_agent_transfer`, `on_user_message`, `on_bot_message`, `on_event`) tells us. `payload`
 * is the whole body: Kore expects it back, with edited fields, on every SDK call (§B4 "Body = the whole payload").
 */
export interface BotKitPayload {
  requestId: string;
  botId: string;
  baseUrl: string;
  /** The user key: `channel.channelInfos.from`, then `channel.from`, then `context.session.UserContext._id`. */
  userId: string;
  message?: string;
  /** `agent_transfer: true` on a user message: Kore has an agent session open for this user. */
  agentTransfer: boolean;
  payload: JsonRecord;
}

export class BotKitPayloadError extends Error {
  override readonly name = 'BotKitPayloadError';
  constructor(readonly path: string, problem: string) {
    super(`${path} ${problem}`);
  }
}

/** Reads a BotKit callback body; throws `BotKitPayloadError` (with the field path) when a field we need is missing. */
export function parseBotKitPayload(body: unknown): BotKitPayload {
  if (!isRecord(body)) throw new BotKitPayloadError('body', 'must be a JSON object');
  const requestId = idOf(body['requestId'], 'requestId');
  const botId = required(body['botId'], 'botId');
  const baseUrl = required(body['baseUrl'], 'baseUrl');
  // `URL.canParse`: `botKitCallUrl` builds every SDK call on it (`https://` alone passes the pattern but is no URL).
  if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)) throw new BotKitPayloadError('baseUrl', 'must be an http(s) URL');
  const channel = isRecord(body['channel']) ? body['channel'] : {};
  const channelInfos = isRecord(channel['channelInfos']) ? channel['channelInfos'] : {};
  const context = isRecord(body['context']) ? body['context'] : {};
  const session = isRecord(context['session']) ? context['session'] : {};
  const userContext = isRecord(session['UserContext']) ? session['UserContext'] : {};
  const userId = nonEmptyString(channelInfos['from']) ?? nonEmptyString(channel['from']) ?? nonEmptyString(userContext['_id']);
  if (!userId) throw new BotKitPayloadError('channel.from', 'is required (also looked at channel.channelInfos.from and context.session.UserContext._id)');
  const message = typeof body['message'] === 'string' ? body['message'] : undefined;
  return { requestId, botId, baseUrl, userId, message, agentTransfer: body['agent_transfer'] === true, payload: body };
}

/** `{baseUrl}/{call}/{requestId}`: the URL of an SDK call for the request a payload came with. */
export function botKitCallUrl(payload: Pick<BotKitPayload, 'baseUrl' | 'requestId'>, call: BotKitCall): URL {
  const url = new URL(payload.baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${BOTKIT_CALLS[call]}/${encodeURIComponent(payload.requestId)}`;
  return url;
}

function required(value: unknown, path: string): string {
  const text = nonEmptyString(value);
  if (!text) throw new BotKitPayloadError(path, 'is required (a non-empty string)');
  return text;
}

/** Kore's request ids are numeric strings in the samples; a number is accepted and kept as digits. */
function idOf(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return required(value, path);
}
