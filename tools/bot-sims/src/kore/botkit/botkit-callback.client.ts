/** The gateway's answer to a callback. */
export interface CallbackAnswer {
  status: number;
  /** Parsed JSON, else the text; undefined when empty. */
  body: unknown;
  headers: Record<string, string>;
  durationMs: number;
}

/** POSTs one Kore → BotKit callback as JSON; rejects on network errors and after `timeoutMs`. */
export async function postCallback(url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<CallbackAnswer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, body: parseBody(text), headers: Object.fromEntries(response.headers), durationMs: Math.round(performance.now() - started) };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
