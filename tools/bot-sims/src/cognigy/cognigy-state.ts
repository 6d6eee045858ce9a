import type { BaseSession, BotSimState } from '../shared/recording';

export interface CognigySession extends BaseSession {
  sessionId: string;
  /** The latest userId seen with this session. */
  userId: string;
  urlToken: string;
}

export type CognigySimState = BotSimState<CognigySession>;
