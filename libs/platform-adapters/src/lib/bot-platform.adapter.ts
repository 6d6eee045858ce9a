import { type BotTurnResult, type CanonicalInput } from '@genesys-bridge/content-conversion';

export type BotPlatform = 'cognigy' | 'kore' | 'generic';

/** One customer turn, as the Bot Connector hands it to an adapter. */
export interface BotTurnRequest {
  /** Our platform session id (mapped from Genesys' `botSessionId`). */
  sessionId: string;
  userId: string;
  input: CanonicalInput;
  /** Genesys' `languageCode`, e.g. `en-us`. */
  languageCode?: string;
  /** Genesys' flat `parameters` from the Architect flow. */
  parameters?: Record<string, string>;
  /** True on the first turn of a Genesys bot session. */
  isNewSession: boolean;
  /**
   * The caller's time budget. When it aborts, the turn fails with kind `timeout` at once: the request, the body
   * read and any Kore polling stop. Adapters have no timeout of their own.
   */
  signal: AbortSignal;
  /** Sent as `X-Correlation-Id`, so platform logs and ours share one id. */
  correlationId?: string;
}

/**
 * Calls one configured bot for one turn. Implementations are plain classes, safe for concurrent turns; the app wraps
 * them. `sendTurn` resolves with every output of the turn or rejects with a `BotPlatformError`.
 */
export interface BotPlatformAdapter {
  readonly platform: BotPlatform;
  sendTurn(turn: BotTurnRequest): Promise<BotTurnResult>;
}
