import type { BotkitFault, BotkitSdkCall } from './botkit-options';

export type BotkitEventName = 'on_agent_transfer' | 'on_user_message' | 'on_bot_message' | 'on_event';

/** One callback Kore posted to the BotKit URL, with the gateway's answer. */
export interface BotkitCallbackRecord {
  event: BotkitEventName;
  botId: string;
  userId: string;
  requestId: string;
  url: string;
  /** The headers sent (`token` / `apikey` included). */
  headers: Record<string, string>;
  /** The payload sent. */
  body: Record<string, unknown>;
  sentAt: string;
  /** The gateway's answer (absent when the call failed). */
  status?: number;
  response?: unknown;
  responseHeaders?: Record<string, string>;
  /** Network error or timeout. */
  error?: string;
  durationMs?: number;
}

/** A requestId Kore handed out in a callback; SDK calls must name one of these (else 404). */
export interface BotkitIssuedRequest {
  requestId: string;
  botId: string;
  userId: string;
  event: BotkitEventName;
  issuedAt: string;
  /** `extendcallid` calls on this requestId. */
  extends: number;
}

/** Something `sendUserMessage` put in front of the user (agent text, or a template via `overrideMessagePayload`). */
export interface BotkitShownMessage {
  requestId: string;
  /** `message`, or `overrideMessagePayload.body` when given. */
  text: string;
  isTemplate: boolean;
  /** `overrideMessagePayload.body` parsed, when `isTemplate`. */
  template?: unknown;
  receivedAt: string;
  /** The id of the recorded request (`state.requests`). */
  recordId: string;
}

/** A user text the gateway handed back to the bot with `sendBotMessage` (no agent attached). */
export interface BotkitBotMessage {
  requestId: string;
  text: string;
  receivedAt: string;
  recordId: string;
}

/** Kore's agent mode for one user: while active, `on_user_message` carries `agent_transfer:true`. */
export interface BotkitAgentSession {
  active: boolean;
  startedAt?: string;
  /** What (re)started it last. */
  startedBy?: 'on_agent_transfer' | 'startAgentSession';
  /** Last callback to or SDK call for this user (the 15-min idle clock). */
  lastActivityAt: string;
  endedAt?: string;
  /** Why it last ended: the gateway's `clearAgentSession`, or the idle reset. */
  endReason?: 'cleared' | 'idle';
  clearedAt?: string;
  /** Accepted `clearAgentSession` calls. */
  clears: number;
  /** `startAgentSession` calls. */
  starts: number;
  /** Times the idle reset ended it. */
  idleResets: number;
}

/** One entry of a user's conversation as `getMessages` returns it. */
export interface BotkitTranscriptEntry {
  /** `incoming` = from the user, `outgoing` = to the user. */
  direction: 'incoming' | 'outgoing';
  text: string;
  at: string;
  requestId: string;
}

export interface BotkitUser {
  userId: string;
  botId: string;
  agentSession: BotkitAgentSession;
  shown: BotkitShownMessage[];
  botMessages: BotkitBotMessage[];
  /** `extendcallid` calls for this user. */
  extends: number;
  transcript: BotkitTranscriptEntry[];
}

/** One SDK call that passed bot, auth and requestId checks. */
export interface BotkitSdkCallRecord {
  call: BotkitSdkCall;
  botId: string;
  requestId: string | null;
  userId: string;
  receivedAt: string;
  recordId: string;
  /** The fault that fired on it, if any. */
  fault?: BotkitFault;
}

export interface KoreBotkitState {
  callbacks: BotkitCallbackRecord[];
  requestIds: Record<string, BotkitIssuedRequest>;
  /** Keyed by Kore user id (`channel.from`). */
  users: Record<string, BotkitUser>;
  sdkCalls: BotkitSdkCallRecord[];
}

export function createBotkitState(): KoreBotkitState {
  return { callbacks: [], requestIds: {}, users: {}, sdkCalls: [] };
}

export function clearBotkitState(state: KoreBotkitState): void {
  state.callbacks.length = 0;
  state.sdkCalls.length = 0;
  for (const key of Object.keys(state.requestIds)) delete state.requestIds[key];
  for (const key of Object.keys(state.users)) delete state.users[key];
}

/** The user's record, created on first use. */
export function botkitUser(state: KoreBotkitState, userId: string, botId: string, now: Date): BotkitUser {
  const user = (state.users[userId] ??= {
    userId,
    botId,
    agentSession: { active: false, lastActivityAt: now.toISOString(), clears: 0, starts: 0, idleResets: 0 },
    shown: [],
    botMessages: [],
    extends: 0,
    transcript: [],
  });
  user.botId = botId;
  return user;
}
