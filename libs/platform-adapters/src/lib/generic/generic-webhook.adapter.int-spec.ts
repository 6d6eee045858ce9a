import { createHmac, timingSafeEqual } from 'node:crypto';
import { type LoopbackServer, type LoopbackRequest, startLoopbackServer } from '@genesys-bridge/testing';
import { testTurn } from '../../__fixtures__/test-turn';
import { GenericWebhookAdapter } from './generic-webhook.adapter';

const BEARER = 'generic-bearer-token-0123456789';
const HMAC_SECRET = 'generic-hmac-secret-abcdefghij';

/** What a bot developer would write: HMAC over the raw bytes received, constant-time compare. */
function signatureIsValid(request: LoopbackRequest, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(request.bodyText).digest('base64')}`);
  const received = Buffer.from(String(request.headers['x-bridge-signature']));
  return expected.length === received.length && timingSafeEqual(expected, received);
}

describe('GenericWebhookAdapter (loopback generic bot)', () => {
  let server: LoopbackServer;
  let answer: unknown;

  beforeAll(async () => {
    server = await startLoopbackServer(() => ({ status: 200, body: answer }));
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  afterAll(() => server.close());

  const adapter = (options: { bearerToken?: string; hmacSecret?: string } = { bearerToken: BEARER, hmacSecret: HMAC_SECRET }) =>
    new GenericWebhookAdapter({ url: `${server.baseUrl}/bot/turn?tenant=t1`, ...options, allowPrivateNetworks: true });

  it('sends the canonical request with a bearer token and a verifiable HMAC signature, and returns the canonical answer', async () => {
    const outputs = [
      { kind: 'text', text: 'Hi' },
      { kind: 'quick-replies', text: 'Pick', options: [{ title: 'Yes', payload: 'YES' }] },
    ];
    answer = {
      outputs,
      handover: { queueName: 'Sales', metadata: { lead: 'L-1' } },
      endSession: true,
      intent: 'Transfer',
      slots: { product: 'phone' },
    };
    const result = await adapter().sendTurn(
      testTurn({ input: { kind: 'postback', text: 'Buy', payload: 'BUY', buttonType: 'Button' }, isNewSession: true, languageCode: 'en-gb', parameters: { p: '1' } }),
    );
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/bot/turn' });
    expect(request.headers.authorization).toBe(`Bearer ${BEARER}`);
    expect(signatureIsValid(request, HMAC_SECRET)).toBe(true);
    expect(signatureIsValid(request, 'another-secret')).toBe(false);
    expect(request.json).toEqual({
      sessionId: 'session-1',
      userId: 'user-1',
      isNewSession: true,
      input: { kind: 'postback', text: 'Buy', payload: 'BUY', buttonType: 'Button' },
      languageCode: 'en-gb',
      parameters: { p: '1' },
    });
    // A handover wins over endSession.
    expect(result).toEqual({
      outputs,
      handover: { queueName: 'Sales', metadata: { lead: 'L-1' } },
      intent: 'Transfer',
      slots: { product: 'phone' },
      warnings: [],
    });
  });

  it('sends no auth headers when none are configured, and reports endSession', async () => {
    answer = { outputs: [], endSession: true };
    expect(await adapter({}).sendTurn(testTurn())).toEqual({ outputs: [], endSession: true, warnings: [] });
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(server.requests[0].headers['x-bridge-signature']).toBeUndefined();
  });

  it('fails with invalid-response naming every bad field path', async () => {
    answer = {
      outputs: [{ kind: 'text', text: 'ok' }, { kind: 'text' }, { kind: 'quick-replies', text: 'q', options: [{ title: 't', payload: 7 }] }],
      handover: { priority: 'high' },
    };
    const error = await adapter().sendTurn(testTurn()).catch((e: unknown) => e);
    expect(error).toMatchObject({ platform: 'generic', kind: 'invalid-response' });
    expect((error as Error).message).toBe(
      `generic webhook POST ${new URL(server.baseUrl).host} answered with an invalid body: ` +
        'outputs[1].text is required; outputs[2].options[0].payload must be a string; handover.priority must be a number',
    );
  });

  it.each<[string, unknown, string]>([
    ['no outputs', { handover: {} }, 'outputs is required'],
    ['an unknown output kind', { outputs: [{ kind: 'video', url: 'x' }] }, 'outputs[0].kind must be one of'],
    ['an unknown field', { outputs: [], handoff: true }, 'handoff is not allowed'],
    ['a JSON string', '"hello"', 'response must be an object'],
  ])('refuses %s', async (_, body, problem) => {
    answer = body;
    await expect(adapter().sendTurn(testTurn())).rejects.toMatchObject({ kind: 'invalid-response', message: expect.stringContaining(problem) });
  });
});
