export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  elapsedMs: number;
}

export interface RequestSettings {
  body?: unknown;
  headers?: Record<string, string>;
  /** The client gives up after this many ms (the promise rejects with a TimeoutError). */
  timeoutMs?: number;
}

/** A small JSON client for the simulators' own tests (the product's bot clients live in apps/ and libs/). */
export async function requestJson<T = Record<string, unknown>>(method: string, url: string, settings: RequestSettings = {}): Promise<HttpResult<T>> {
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers: settings.body === undefined ? settings.headers : { 'content-type': 'application/json', ...settings.headers },
    body: settings.body === undefined ? undefined : JSON.stringify(settings.body),
    signal: AbortSignal.timeout(settings.timeoutMs ?? 5_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T, elapsedMs: performance.now() - started };
}

export const postJson = <T = Record<string, unknown>>(url: string, body: unknown, settings: Omit<RequestSettings, 'body'> = {}): Promise<HttpResult<T>> =>
  requestJson<T>('POST', url, { ...settings, body });

/** Polls `condition` until it returns a truthy value or the deadline passes (then throws with `description`). */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  description: string,
  { timeoutMs = 5_000, intervalMs = 10 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

let counter = 0;

/** A webhook v2 request body from `fromId`; override any part. */
export function koreMessage(fromId: string, val: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  const { message, ...rest } = overrides;
  return {
    session: { new: false },
    message: { type: 'text', val, ...(message as Record<string, unknown> | undefined) },
    from: { id: fromId, userInfo: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } },
    to: { id: 'st-test' },
    customData: { requestNumber: counter },
    ...rest,
  };
}
