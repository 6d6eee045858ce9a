import { requestJson } from '../testing/http-client';
import { startKoreFixture, type KoreFixture } from '../testing/kore-fixture';
import type { KoreSimState } from './kore-state';

describe('Kore simulator recording and control API', () => {
  let fixture: KoreFixture;

  beforeEach(async () => {
    fixture = await startKoreFixture({ script: [{ name: 'echo', match: { regex: '^echo (.+)$' }, outputs: ['{{1}} (from {{userId}} to {{botId}})'] }] });
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('uses the script given at start and records requests per from.id, polls included', async () => {
    const response = await fixture.say('alice', 'echo ping');
    expect(response.body.data[0].val).toBe(`ping (from alice to ${fixture.sim.options.bots[0].botId})`);
    await fixture.say('bob', 'echo pong');
    await fixture.poll('unknown-poll');

    const state = (await requestJson<KoreSimState>('GET', `${fixture.sim.url}/sim/state`)).body;
    expect(state.requests.map((request) => [request.method, request.status, request.sessionKey])).toEqual([
      ['POST', 200, 'alice'],
      ['POST', 200, 'bob'],
      ['GET', 400, undefined],
    ]);
    expect(state.sessions.alice.turns).toEqual([
      expect.objectContaining({ rule: 'echo', input: expect.objectContaining({ text: 'echo ping' }), status: 200, response: response.body }),
    ]);
    expect(state.sessions.alice.requests[0]).toMatchObject({ body: { from: { id: 'alice' } }, receivedAt: expect.any(String) });
    expect(state.polls).toEqual({});
  });

  it('replaces the script over PUT /sim/script and restores the default with DELETE', async () => {
    const put = await requestJson('PUT', `${fixture.sim.url}/sim/script`, {
      body: [{ match: { text: 'x' }, outputs: [{ template: { type: 'image', payload: { url: 'https://e/x.png' } } }], templateEncoding: 'object' }],
    });
    expect(put.status).toBe(200);
    expect((await fixture.say('u', 'X')).body.data[0].val).toEqual({ type: 'image', payload: { url: 'https://e/x.png' } });
    expect((await requestJson('PUT', `${fixture.sim.url}/sim/script`, { body: { match: { any: true } } })).status).toBe(400);
    await requestJson('DELETE', `${fixture.sim.url}/sim/script`);
    expect((await fixture.say('u', 'hello')).body.data[0].val).toContain('Kore simulator');
  });

  it('patches options, adds bots and resets recorded state over HTTP', async () => {
    const patched = await requestJson('PATCH', `${fixture.sim.url}/sim/options`, { body: { templateEncoding: 'object', syncTimeoutMs: null } });
    expect(patched.status).toBe(200);
    expect(fixture.sim.options).toMatchObject({ templateEncoding: 'object', syncTimeoutMs: null });
    expect((await requestJson('PATCH', `${fixture.sim.url}/sim/options`, { body: { syncAgentTransfer: 'maybe' } })).status).toBe(400);

    const bot = { botId: 'st-added', name: 'added', clientId: 'cs-added', clientSecret: 'added-secret' };
    expect((await requestJson('POST', `${fixture.sim.url}/sim/bots`, { body: bot })).status).toBe(200);
    expect((await requestJson('POST', `${fixture.sim.url}/sim/bots`, { body: bot })).status).toBe(400);
    const token = (await requestJson<{ token: string }>('POST', `${fixture.sim.url}/sim/token`, { body: { botId: 'st-added' } })).body.token;
    const viaAdded = await requestJson('POST', fixture.sim.webhookUrl('st-added'), {
      body: { message: { type: 'text', val: 'echo hi' }, from: { id: 'carol' } },
      headers: { authorization: `bearer ${token}` },
    });
    expect(viaAdded.status).toBe(200);
    expect(viaAdded.body).toMatchObject({ from: 'st-added', to: 'carol' });

    expect((await requestJson('POST', `${fixture.sim.url}/sim/reset`)).status).toBe(204);
    expect(fixture.sim.state).toEqual({ requests: [], sessions: {}, polls: {}, botkit: { callbacks: [], requestIds: {}, users: {}, sdkCalls: [] } });
  });
});
