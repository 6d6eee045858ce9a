import { postJson, requestJson, type HttpResult } from './http-client';
import { startCallbackReceiver, type CallbackReceiver } from './callback-receiver';
import type { BotkitPayload } from '../kore/botkit/botkit-payload.builder';
import { createKoreSim, type KoreSim } from '../kore/kore-sim';
import type { KoreSimOptionsInput } from '../kore/kore-options';

export const BOTKIT_BOT = {
  botId: 'st-2c4e6a8b-1d3f-5a7c-9e0b-2d4f6a8c0e1f',
  name: 'botkit bot',
  clientId: 'cs-7a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d',
  clientSecret: 'botkit-secret-0123456789',
};

/** A Kore simulator whose BotKit callbacks go to a local receiver standing in for the gateway (`/kore/conn-1`). */
export interface BotkitFixture {
  sim: KoreSim;
  receiver: CallbackReceiver;
  /** POST `{payload.baseUrl}/{call}/{requestId}` with `auth` (a valid BotKit token unless given; null = none). */
  sdk(call: string, payload: Pick<BotkitPayload, 'baseUrl' | 'requestId'>, body?: unknown, auth?: string | null): Promise<HttpResult>;
  close(): Promise<void>;
}

export async function startBotkitFixture(options: KoreSimOptionsInput = {}): Promise<BotkitFixture> {
  const receiver = await startCallbackReceiver();
  const sim = await createKoreSim({ bots: [BOTKIT_BOT], ...options, botkit: { callbackUrl: `${receiver.url}/kore/conn-1`, ...options.botkit } });
  return {
    sim,
    receiver,
    sdk: (call, payload, body = payload, auth) => {
      const token = auth === undefined ? sim.botkitSdkToken() : auth;
      const headers: Record<string, string> = token === null ? {} : { auth: token };
      return call === 'getMessages'
        ? requestJson('GET', `${payload.baseUrl}/getMessages?${String(body)}`, { headers })
        : postJson(`${payload.baseUrl}/${call}/${payload.requestId}`, body, { headers });
    },
    close: async () => {
      await sim.close();
      await receiver.close();
    },
  };
}
