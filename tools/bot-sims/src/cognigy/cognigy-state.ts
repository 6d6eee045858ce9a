import type { BaseSession, BotSimState } from '../shared/recording';
import type { CognigyRestResponse } from './cognigy-output.builder';

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

/**
 * One `POST /inject/{URLToken}` the endpoint accepted: text/data handed to the Flow as if the user said it (§A7).
 * The Flow (script) runs after the answer; what it says would reach the user through the endpoint's channel.
 */
export interface CognigyInjection extends CognigyNotification {
  /** The matched rule (`#<index>` when unnamed), null when nothing matched. */
  rule: string | null;
  /** The Flow's outputs in the REST answer shape (script behaviours such as delay or status do not apply). */
  flowOutput: CognigyRestResponse;
}

export type CognigySimState = BotSimState<CognigySession> & {
  /** Accepted notify calls, in arrival order. */
  notifications: CognigyNotification[];
  /** Accepted inject calls, in arrival order. */
  injections: CognigyInjection[];
};
