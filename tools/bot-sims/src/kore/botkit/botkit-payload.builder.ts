import { isPlainObject, resolveOptions } from '../../shared/sim-options';
import type { BotkitEventName } from './botkit-state';

export interface BotkitUserProfile {
  firstName: string;
  lastName: string;
  emailId: string;
}

/** The envelope Kore posts to every BotKit callback (bot-platforms.md §B4; `OnMessagePayload`, `OnAgentTransferPayload`). */
export interface BotkitPayload {
  /** Numeric string (epoch ms in Kore's sample); a fresh one per callback. */
  requestId: string;
  botId: string;
  /** `{baseUrl}/serviceCallback/{requestId}` (`respondToHook`; not served by the simulator). */
  callbackUrl: string;
  /** `{kore}/api/botsdk/stream/{botId}`: startAgentSession, clearAgentSession, extendcallid and getMessages hang off it. */
  baseUrl: string;
  sendUserMessageUrl: string;
  sendBotMessageUrl: string;
  /** The other `*Url` fields: path names UNCONFIRMED, not served by the simulator. */
  skipUserMessageUrl: string;
  skipBotMessageUrl: string;
  resetBotUrl: string;
  getBotVariableUrl: string;
  clearConversationSessionUrl: string;
  sendFeedbackMessageUrl: string;
  getDialogUrl: string;
  message?: string;
  /** true on `on_user_message` while the user's agent session is active. */
  agent_transfer: boolean;
  metaInfo: Record<string, unknown>;
  metaTags: Record<string, unknown>;
  /** UNCONFIRMED shape: `{type:"text", body, attachments?}`. */
  messageObject: Record<string, unknown>;
  context: {
    botid: string;
    taskid?: string;
    intent?: string;
    entities: Record<string, unknown>;
    history: Record<string, unknown>[];
    session: {
      UserContext: { _id: string; identities: unknown[] } & BotkitUserProfile;
      BotUserSession: { lastMessage: { channel: string; messagePayload: Record<string, unknown> } };
      opts: { userId: string; streamId: string };
    };
    [key: string]: unknown;
  };
  channel: {
    type: 'rtm';
    from: string;
    botLanguage: string;
    channelInfos: { from: string; type: 'rtm'; body?: string; botInfo: { taskBotId: string } };
  };
  /** `on_event` only. UNCONFIRMED body: whatever the test passes (e.g. `{type:"close"}`). */
  event?: unknown;
}

export interface BotkitPayloadInput {
  event: BotkitEventName;
  requestId: string;
  botId: string;
  baseUrl: string;
  userId: string;
  message?: string;
  agentTransfer: boolean;
  /** Adds the Agent Transfer node to `context.history` (the transfer and the messages of an active agent session). */
  inAgentTransfer: boolean;
  metaInfo?: Record<string, unknown>;
  metaTags?: Record<string, unknown>;
  attachments?: unknown[];
  user?: Partial<BotkitUserProfile>;
  /** Deep-merged over the built `context`. */
  context?: Record<string, unknown>;
  /** The `on_event` body. */
  eventBody?: unknown;
  /** Deep-merged over the whole payload, last (arrays replace). */
  overrides?: Record<string, unknown>;
}

export const DEFAULT_BOTKIT_USER: BotkitUserProfile = { firstName: 'Ada', lastName: 'Lovelace', emailId: 'ada@example.com' };

/** The agent-transfer trail Kore's sample context carries (`history`). */
export const AGENT_TRANSFER_HISTORY = [{ nodeId: 'agentTransfer0', type: 'agentTransfer', state: 'processing' }, { dialogState: 'transferredToAgent' }];

/** Builds a callback payload as Kore sends it. Pure. */
export function buildBotkitPayload(input: BotkitPayloadInput): BotkitPayload {
  const { requestId, botId, baseUrl, userId, message } = input;
  const at = (path: string): string => `${baseUrl}/${path}/${requestId}`;
  const user = { ...DEFAULT_BOTKIT_USER, ...input.user };
  const messageBody = { body: message ?? '', ...(input.attachments ? { attachments: input.attachments } : {}) };
  const context: BotkitPayload['context'] = {
    botid: botId,
    ...(input.inAgentTransfer ? { taskid: 'dg-sim-agent-transfer', intent: 'Agent Transfer' } : {}),
    entities: {},
    history: input.inAgentTransfer ? AGENT_TRANSFER_HISTORY.map((entry) => ({ ...entry })) : [],
    session: {
      UserContext: { _id: userId, ...user, identities: [{ val: userId, type: 'mapped' }] },
      // INFERENCE: the RTM (web SDK) message payload of the user's last message.
      BotUserSession: { lastMessage: { channel: 'rtm', messagePayload: { clientMessageId: Number(requestId), message: messageBody, resourceid: '/bot.message', botInfo: { taskBotId: botId } } } },
      opts: { userId, streamId: botId },
    },
  };
  const payload: BotkitPayload = {
    requestId,
    botId,
    callbackUrl: at('serviceCallback'),
    baseUrl,
    sendUserMessageUrl: at('sendUserMessage'),
    sendBotMessageUrl: at('sendBotMessage'),
    skipUserMessageUrl: at('skipUserMessage'),
    skipBotMessageUrl: at('skipBotMessage'),
    resetBotUrl: at('resetBot'),
    getBotVariableUrl: at('getBotVariable'),
    clearConversationSessionUrl: at('clearConversationSession'),
    sendFeedbackMessageUrl: at('sendFeedbackMessage'),
    getDialogUrl: at('getDialog'),
    ...(message !== undefined ? { message } : {}),
    agent_transfer: input.agentTransfer,
    metaInfo: input.metaInfo ?? {},
    metaTags: input.metaTags ?? {},
    messageObject: { type: 'text', ...messageBody },
    context: isPlainObject(input.context) ? resolveOptions(context, input.context) : context,
    channel: {
      type: 'rtm',
      from: userId,
      botLanguage: 'en',
      channelInfos: { from: userId, type: 'rtm', ...(message !== undefined ? { body: message } : {}), botInfo: { taskBotId: botId } },
    },
    ...(input.event === 'on_event' ? { event: input.eventBody } : {}),
  };
  return isPlainObject(input.overrides) ? resolveOptions(payload, input.overrides) : payload;
}

let lastRequestId = 0;

/** A numeric-string requestId like Kore's (`"1501244156289"`, epoch ms), strictly increasing within the process. */
export function newBotkitRequestId(nowMs: number = Date.now()): string {
  lastRequestId = Math.max(nowMs, lastRequestId + 1);
  return String(lastRequestId);
}
