import type { BaseSession, BotSimState } from '../shared/recording';
import type { KoreBotkitState } from './botkit/botkit-state';
import type { KoreSyncResponse } from './kore-response.builder';

export interface KoreSession extends BaseSession {
  fromId: string;
  botId: string;
  /** Between the first message (or `session.new:true`) and SESSION_CLOSURE. */
  active: boolean;
  /** Sessions started for this user so far (`session.new:true` or a message after a closure). */
  sessionCount: number;
  closedAt?: string;
  userInfo?: unknown;
  /** The latest `customData` (lands in BotUserSession.lastMessage on the real platform). */
  customData?: unknown;
}

/** A pollId handed out by a slow-backend turn. */
export interface KorePoll {
  pollId: string;
  streamId: string;
  fromId: string;
  readyAt: string;
  /** `waiting` until fetched after readyAt; `delivered` afterwards (then: 400 No data found). */
  status: 'waiting' | 'delivered';
  /** What the poll answers once ready. */
  response: KoreSyncResponse;
}

export interface KoreSimState extends BotSimState<KoreSession> {
  polls: Record<string, KorePoll>;
  /** The BotKit agent transfer: callbacks sent, requestIds issued, SDK calls and per-user agent sessions. */
  botkit: KoreBotkitState;
}
