import { startBotkitFixture, type BotkitFixture } from '../../testing/botkit-fixture';
import { requestJson, waitFor } from '../../testing/http-client';
import type { BotkitPayload } from './botkit-payload.builder';

describe('Kore BotKit SDK faults (botkitFaults)', () => {
  let fixture: BotkitFixture;
  let payload: BotkitPayload;
  const shown = () => fixture.sim.botkitUser('u-1')?.shown.map((entry) => entry.text);
  const say = (message: string) => fixture.sdk('sendUserMessage', payload, { ...payload, message });

  beforeEach(async () => {
    fixture = await startBotkitFixture();
    payload = (await fixture.sim.botkitAgentTransfer({ userId: 'u-1' })).payload;
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('consumes faults in order per call, counting times down in the live options', async () => {
    fixture.sim.options.botkitFaults = [
      { call: 'clearAgentSession', status: 502 },
      { call: 'sendUserMessage', status: 503, times: 2 },
      { call: '*', status: 429, body: { errors: [{ msg: 'Too many', code: 429 }] } },
    ];
    expect((await say('a')).status).toBe(503);
    expect(fixture.sim.options.botkitFaults[1].times).toBe(1);
    expect((await say('b')).status).toBe(503);
    const limited = await say('c');
    expect([limited.status, limited.body]).toEqual([429, { errors: [{ msg: 'Too many', code: 429 }] }]);
    expect((await say('d')).status).toBe(200);
    expect((await fixture.sdk('clearAgentSession', payload)).status).toBe(502);
    expect(fixture.sim.options.botkitFaults).toEqual([]);
    expect(shown()).toEqual(['d']);
    expect(fixture.sim.botkitUser('u-1')?.agentSession.active).toBe(true);
    expect(fixture.sim.state.botkit.sdkCalls.map((call) => call.fault?.status ?? null)).toEqual([503, 503, 429, null, 502]);
  });

  it('acceptThenError records the message as shown, then answers 500', async () => {
    fixture.sim.options.botkitFaults = [{ call: 'sendUserMessage', acceptThenError: true }];
    const response = await say('sent but failed');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ errors: [{ msg: 'Simulated failure', code: 500 }] });
    expect(shown()).toEqual(['sent but failed']);
    expect((await say('sent but failed')).status).toBe(200);
    expect(shown()).toEqual(['sent but failed', 'sent but failed']);
  });

  it('acceptThenError on clearAgentSession ends the session although the gateway sees an error', async () => {
    fixture.sim.options.botkitFaults = [{ call: 'clearAgentSession', acceptThenError: true, status: 503 }];
    expect((await fixture.sdk('clearAgentSession', payload)).status).toBe(503);
    expect(fixture.sim.botkitUser('u-1')?.agentSession).toMatchObject({ active: false, clears: 1 });
  });

  it('hang holds the call until the client gives up; closeConnection drops it; neither shows anything', async () => {
    fixture.sim.options.botkitFaults = [{ call: 'sendUserMessage', hang: true }, { call: 'sendUserMessage', closeConnection: true }];
    const hanging = requestJson('POST', payload.sendUserMessageUrl, { body: { ...payload, message: 'held' }, headers: { auth: fixture.sim.botkitSdkToken() }, timeoutMs: 200 });
    await waitFor(() => fixture.sim.heldRequests === 1, 'the held request');
    await expect(hanging).rejects.toThrow();
    await waitFor(() => fixture.sim.heldRequests === 0, 'the release');
    await expect(say('dropped')).rejects.toThrow();
    expect(shown()).toEqual([]);
    expect(fixture.sim.state.requests.slice(-2).map((request) => request.outcome)).toEqual(['client-aborted', 'connection-closed']);
  });

  it('a delay-only fault is a slow success', async () => {
    fixture.sim.options.botkitFaults = [{ call: 'sendUserMessage', delayMs: 150 }];
    const started = Date.now();
    expect((await say('slow')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(shown()).toEqual(['slow']);
  });

  it('validates faults and botkit options set over PATCH /sim/options', async () => {
    const bad = await requestJson('PATCH', `${fixture.sim.url}/sim/options`, { body: { botkitFaults: [{ call: 'sendEverything' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('botkitFaults[0].call');
    expect((await requestJson('PATCH', `${fixture.sim.url}/sim/options`, { body: { botkit: { tokenAlgorithm: 'RS256' } } })).status).toBe(400);
    expect((await requestJson('PATCH', `${fixture.sim.url}/sim/options`, { body: { botkit: { agentSessionIdleMs: 0 } } })).status).toBe(400);
    const ok = await requestJson('PATCH', `${fixture.sim.url}/sim/options`, { body: { botkit: { agentSessionIdleMs: 1000 }, botkitFaults: [{ call: 'getMessages', status: 500 }] } });
    expect(ok.status).toBe(200);
    expect(fixture.sim.options.botkit).toMatchObject({ agentSessionIdleMs: 1000, callbackUrl: `${fixture.receiver.url}/kore/conn-1` });
    expect((await fixture.sdk('getMessages', payload, 'userId=u-1')).status).toBe(500);
  });
});
