import type { IncomingHttpHeaders } from 'node:http';
import type { TurnInput } from './script';

declare module 'fastify' {
  interface FastifyRequest {
    /** The bot-sims record of this request (null for the `/sim` control API). */
    botSimRecord: RecordedRequest | null;
  }
}

/**
 * - `answered`: a response was sent (any status).
 * - `client-aborted`: the client gave up while the bot was slow or hanging.
 * - `connection-closed`: the script closed the connection (`closeConnection`).
 * - `sim-closed`: the simulator shut down while the request was held.
 */
export type RequestOutcome = 'pending' | 'answered' | 'client-aborted' | 'connection-closed' | 'sim-closed';

/** One request to the bot API (never `/sim`), as received. */
export interface RecordedRequest {
  id: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined for GET or an unparsable body). */
  body?: unknown;
  receivedAt: string;
  /** Cognigy `sessionId` / Kore `from.id`, once known. */
  sessionKey?: string;
  outcome: RequestOutcome;
  status?: number;
  /** The JSON body sent back, if any. */
  response?: unknown;
  /** Why an auth check refused the request (e.g. `appId does not match`); the client only sees the platform's message. */
  rejection?: string;
  durationMs?: number;
}

/** One user input the script handled. */
export interface TurnRecord {
  requestId: string;
  at: string;
  input: TurnInput;
  /** Name of the matched rule (`#<index>` when unnamed), null when nothing matched. */
  rule: string | null;
  /** The body sent back (absent when the turn failed, hung or closed the connection). */
  response?: unknown;
  status?: number;
}

export interface BaseSession {
  /** Every request that belongs to this session, in arrival order (same objects as in `state.requests`). */
  requests: RecordedRequest[];
  turns: TurnRecord[];
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface BotSimState<TSession extends BaseSession> {
  requests: RecordedRequest[];
  /** Keyed by Cognigy `sessionId` / Kore `from.id`. */
  sessions: Record<string, TSession>;
}

export function createBotSimState<TSession extends BaseSession>(): BotSimState<TSession> {
  return { requests: [], sessions: {} };
}

export function clearBotSimState(state: BotSimState<BaseSession>): void {
  state.requests.length = 0;
  for (const key of Object.keys(state.sessions)) delete state.sessions[key];
}

/** Links a request to its session (and stamps the session's last activity). */
export function attachToSession(session: BaseSession, record: RecordedRequest | null, key: string, now: Date): void {
  session.lastSeenAt = now.toISOString();
  if (!record) return;
  record.sessionKey = key;
  session.requests.push(record);
}
