import { koreMessage, postJson, requestJson, type HttpResult } from './http-client';
import type { KoreSyncResponse } from '../kore/kore-response.builder';
import { createKoreSim, type KoreSim } from '../kore/kore-sim';
import type { KoreSimOptionsInput } from '../kore/kore-options';

/** A Kore simulator plus an authenticated client for its default bot. */
export interface KoreFixture {
  sim: KoreSim;
  token: string;
  say(fromId: string, val: string, overrides?: Record<string, unknown>, timeoutMs?: number): Promise<HttpResult<KoreSyncResponse>>;
  poll(pollId: string, headers?: Record<string, string>): Promise<HttpResult<Record<string, unknown>>>;
  close(): Promise<void>;
}

export async function startKoreFixture(options: KoreSimOptionsInput = {}): Promise<KoreFixture> {
  const sim = await createKoreSim(options);
  const token = sim.createToken();
  const authorization = { authorization: `bearer ${token}` };
  return {
    sim,
    token,
    say: (fromId, val, overrides = {}, timeoutMs = 2_000) =>
      postJson<KoreSyncResponse>(sim.webhookUrl(), koreMessage(fromId, val, overrides), { headers: authorization, timeoutMs }),
    poll: (pollId, headers = authorization) => requestJson('GET', sim.pollUrl(pollId), { headers }),
    close: () => sim.close(),
  };
}

/** `val` of a data item as an object, whether it was sent as a JSON string or as an object. */
export function templateOf(val: unknown): Record<string, unknown> {
  return (typeof val === 'string' ? JSON.parse(val) : val) as Record<string, unknown>;
}
