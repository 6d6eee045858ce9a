import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { BotCredentials, BotHttpAttempt } from './bot-connector.model';

const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'host', 'connection', 'transfer-encoding']);

/** Each credential field name becomes a header name with the configured value (§1.1); framing headers stay ours. */
export function credentialHeaders(credentials: BotCredentials, json: boolean): Record<string, string> {
  const headers = Object.fromEntries(Object.entries(credentials).filter(([name]) => !RESERVED_HEADERS.has(name.toLowerCase())));
  return json ? { ...headers, 'content-type': 'application/json' } : headers;
}

export interface BotHttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  attempt: number;
}

export interface BotHttpOutcome extends BotHttpAttempt {
  /** The simulator closed while the call ran. */
  aborted: boolean;
}

/** One HTTP exchange with the bot service under a deadline (answer body included); never throws. */
export async function callBot(http: Dispatcher, closing: AbortSignal, call: BotHttpCall, now: () => Date): Promise<BotHttpOutcome> {
  const startedAt = now().toISOString();
  const started = performance.now();
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const response = await request(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.any([timeout, closing]),
      dispatcher: http,
    });
    const responseBody = await response.body.text();
    return { attempt: call.attempt, startedAt, durationMs: elapsed(), status: response.statusCode, responseBody, timedOut: false, aborted: false };
  } catch (error) {
    if (closing.aborted) return { attempt: call.attempt, startedAt, durationMs: elapsed(), timedOut: false, aborted: true, error: 'simulator closed' };
    if (timeout.aborted) {
      return { attempt: call.attempt, startedAt, durationMs: elapsed(), timedOut: true, aborted: false, error: `no answer within ${call.timeoutMs} ms` };
    }
    return { attempt: call.attempt, startedAt, durationMs: elapsed(), timedOut: false, aborted: false, error: describeError(error) };
  }
}

/** The attempt as recorded (without the internal `aborted` flag). */
export function attemptRecord({ aborted: _aborted, ...attempt }: BotHttpOutcome): BotHttpAttempt {
  return attempt;
}

/** Parses a JSON answer; `undefined` when the body is not JSON. */
export function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
