import type { BaseSession, BotSimState } from '../shared/recording';

export interface CognigySession extends BaseSession {
  sessionId: string;
  /** The latest userId seen with this session. */
  userId: string;
  urlToken: string;
}

/** One `POST /notify/{URLToken}` the endpoint accepted: what Cognigy would show the user (bot-platforms.md §A7). */
export interface CognigyNotification {
  /** The id of the recorded request (`state.requests`). */
  requestId: string;
  urlToken: string;
  userId: string;
  sessionId: string;
  text?: string;
  data?: Record<string, unknown>;
  receivedAt: string;
}

export type CognigySimState = BotSimState<CognigySession> & {
  /** Accepted notify calls, in arrival order. */
  notifications: CognigyNotification[];
};
