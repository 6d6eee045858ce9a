import { postJson, requestJson } from '../testing/http-client';
import type { CognigySimState } from './cognigy-state';
import { createCognigySim, type CognigySim } from './cognigy-sim';

describe('Cognigy simulator recording and control API', () => {
  let sim: CognigySim;

  beforeEach(async () => {
    sim = await createCognigySim({
      urlTokens: ['first-token'],
      script: [
        { name: 'order', match: { regex: '^order (\\d+)$', flags: 'i' }, outputs: [{ text: 'Order {{1}} for {{userId}} in {{sessionId}}' }] },
        { name: 'other', match: { any: true }, outputs: [{ text: 'no' }] },
      ],
    });
  });

  afterEach(async () => {
    await sim.close();
  });

  it('uses the script given at start (regex groups and ids interpolated)', async () => {
    const response = await postJson(sim.endpointUrl(), { userId: 'u-9', sessionId: 's-9', text: 'ORDER 42' });
    expect(response.body.text).toBe('Order 42 for u-9 in s-9');
  });

  it('records every request with headers, body and time, grouped per sessionId', async () => {
    const before = Date.now();
    await postJson(sim.endpointUrl(), { userId: 'u1', sessionId: 'a', text: 'order 1' }, { headers: { 'x-trace': 't-1' } });
    await postJson(sim.endpointUrl(), { userId: 'u2', sessionId: 'b', text: 'hello' });
    await postJson(sim.endpointUrl(), { userId: 'u1', sessionId: 'a', text: 'order 2' });

    expect(sim.state.requests).toHaveLength(3);
    const [first] = sim.state.requests;
    expect(first).toMatchObject({ method: 'POST', url: '/first-token', sessionKey: 'a', status: 200, outcome: 'answered' });
    expect(first.headers['x-trace']).toBe('t-1');
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.body).toEqual({ userId: 'u1', sessionId: 'a', text: 'order 1' });
    expect(Date.parse(first.receivedAt)).toBeGreaterThanOrEqual(before - 5);
    expect(first.response).toMatchObject({ text: 'Order 1 for u1 in a' });

    expect(Object.keys(sim.state.sessions).sort()).toEqual(['a', 'b']);
    const session = sim.session('a');
    expect(session?.requests.map((request) => (request.body as { text: string }).text)).toEqual(['order 1', 'order 2']);
    expect(session?.turns.map((turn) => [turn.input.text, turn.rule])).toEqual([
      ['order 1', 'order'],
      ['order 2', 'order'],
    ]);
    expect(session?.userId).toBe('u1');

    const overHttp = await requestJson<CognigySimState>('GET', `${sim.url}/sim/state`);
    expect(overHttp.body.sessions.a.turns).toHaveLength(2);
    expect(overHttp.body.requests).toHaveLength(3);
  });

  it('replaces the script over PUT /sim/script, rejects an invalid one and restores the default on DELETE', async () => {
    const put = await requestJson('PUT', `${sim.url}/sim/script`, { body: [{ match: { postback: 'pb:*' }, outputs: [{ text: 'clicked {{input}}' }] }] });
    expect(put.status).toBe(200);
    expect((await postJson(sim.endpointUrl(), { userId: 'u', sessionId: 's', text: 'pb:x' })).body.text).toBe('clicked pb:x');

    const invalid = await requestJson('PUT', `${sim.url}/sim/script`, { body: [{ match: { regex: '(' } }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('script[0].match[0].regex');
    expect(sim.options.script).toHaveLength(1);

    const restored = await requestJson<unknown[]>('DELETE', `${sim.url}/sim/script`);
    expect(restored.body.length).toBeGreaterThan(10);
    expect((await postJson(sim.endpointUrl(), { userId: 'u', sessionId: 's', text: 'photo' })).body.outputStack).toHaveLength(1);
  });

  it('serves the script as JSON, RegExp matchers included', async () => {
    sim.setScript([{ match: { regex: /^a+$/i }, outputs: [] }]);
    const script = await requestJson<unknown[]>('GET', `${sim.url}/sim/script`);
    expect(script.body).toEqual([{ match: { regex: '^a+$', flags: 'i' }, outputs: [] }]);
  });

  it('changes options at runtime over PATCH /sim/options and validates them', async () => {
    const patched = await requestJson('PATCH', `${sim.url}/sim/options`, { body: { nesting: '_data', attachments: '_attachment' } });
    expect(patched.status).toBe(200);
    expect(sim.options).toMatchObject({ nesting: '_data', attachments: '_attachment' });
    expect((await requestJson('PATCH', `${sim.url}/sim/options`, { body: { nesting: 'flat' } })).status).toBe(400);
    expect((await requestJson('PATCH', `${sim.url}/sim/options`, { body: { port: 1 } })).status).toBe(400);
    expect((await requestJson('PATCH', `${sim.url}/sim/options`, { body: { nope: 1 } })).status).toBe(400);
  });

  it('adds endpoints over POST /sim/endpoints and forgets traffic on POST /sim/reset', async () => {
    expect((await postJson(`${sim.url}/second`, { userId: 'u', sessionId: 's', text: 'x' })).status).toBe(404);
    const added = await postJson(`${sim.url}/sim/endpoints`, { urlToken: 'second' });
    expect(added.body).toEqual({ urlToken: 'second', url: `${sim.url}/second` });
    expect((await postJson(`${sim.url}/second`, { userId: 'u', sessionId: 's', text: 'x' })).status).toBe(200);

    expect((await requestJson('POST', `${sim.url}/sim/reset`)).status).toBe(204);
    expect(sim.state).toEqual({ requests: [], sessions: {}, notifications: [], injections: [] });
    expect(sim.options.urlTokens).toEqual(['first-token', 'second']);
  });

  it('refuses an invalid script at start', async () => {
    await expect(createCognigySim({ script: [{ match: {} as never }] })).rejects.toThrow('script[0].match[0]');
  });
});
