import { postJson, requestJson, waitFor } from '../testing/http-client';
import { INJECT_ANSWER, NOTIFY_ANSWER } from './cognigy-inject-notify.routes';
import { createCognigySim, type CognigySim } from './cognigy-sim';

describe('Cognigy inject route and notify/inject faults (bot-platforms.md §A7, §A9)', () => {
  let sim: CognigySim;

  beforeEach(async () => {
    sim = await createCognigySim({
      urlTokens: ['token-abc'],
      script: [
        { name: 'end', match: { dataOnly: true }, outputs: [{ text: 'Welcome back, {{userId}}' }] },
        { name: 'echo', match: { any: true }, outputs: [{ text: 'Flow got: {{input}}' }], status: 500, delayMs: 5_000 },
      ],
    });
  });

  afterEach(async () => {
    await sim.close();
  });

  it('hands text/data to the Flow: answers at once, records the injection, the Flow output and a session turn', async () => {
    const response = await postJson(sim.injectUrl(), { userId: 'u-1', sessionId: 's-1', data: { endHandover: true } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(INJECT_ANSWER);
    expect(response.body).toEqual({ message: 'Message was sent to AI for Flow processing' });
    const text = await postJson(sim.injectUrl(), { userId: 'u-1', sessionId: 's-1', text: 'agent left' }, { timeoutMs: 1_000 });
    expect(text.status).toBe(200);

    expect(sim.injectionsFor('s-1')).toEqual([
      expect.objectContaining({ urlToken: 'token-abc', userId: 'u-1', sessionId: 's-1', data: { endHandover: true }, rule: 'end', requestId: sim.state.requests[0].id }),
      expect.objectContaining({ text: 'agent left', rule: 'echo' }),
    ]);
    expect(sim.state.injections[0].flowOutput).toMatchObject({ text: 'Welcome back, u-1', outputStack: [{ text: 'Welcome back, u-1' }] });
    expect(sim.state.injections[1].flowOutput.text).toBe('Flow got: agent left');
    expect(sim.session('s-1')?.turns.map((turn) => [turn.rule, turn.status, turn.input.dataOnly ?? false])).toEqual([
      ['end', 200, true],
      ['echo', 200, false],
    ]);
    expect(sim.state.notifications).toEqual([]);
    sim.reset();
    expect(sim.state.injections).toEqual([]);
  });

  it('answers 404 for an unknown URLToken and 400 for a bad body, recording no injection', async () => {
    expect((await postJson(sim.injectUrl('nope'), { userId: 'u', sessionId: 's', text: 'x' })).status).toBe(404);
    expect((await postJson(sim.injectUrl(), { userId: 'u', text: 'x' })).status).toBe(400);
    expect((await postJson(sim.injectUrl(), { userId: 'u', sessionId: 's' })).status).toBe(400);
    expect(sim.state.injections).toEqual([]);
  });

  it('faults hit notify and inject in order: status, then the next matching call succeeds', async () => {
    sim.options.faults = [{ call: 'inject', status: 503 }, { call: 'notify', status: 502, times: 2 }];
    const notify = () => postJson(sim.notifyUrl(), { userId: 'u', sessionId: 's', text: 'agent: hi' });
    expect((await notify()).status).toBe(502);
    expect((await notify()).status).toBe(502);
    const third = await notify();
    expect([third.status, third.body]).toEqual([200, NOTIFY_ANSWER]);
    const injected = await postJson(sim.injectUrl(), { userId: 'u', sessionId: 's', text: 'x' });
    expect(injected.status).toBe(503);
    expect(injected.body).toMatchObject({ statusCode: 503, message: 'Simulated failure' });
    expect(sim.state.notifications).toHaveLength(1);
    expect(sim.state.injections).toEqual([]);
    expect(sim.options.faults).toEqual([]);
  });

  it('acceptThenError records the notification (shown) and the injection (Flow ran), then answers 500', async () => {
    sim.options.faults = [{ call: '*', acceptThenError: true, times: 2 }];
    expect((await postJson(sim.notifyUrl(), { userId: 'u', sessionId: 's', text: 'agent: hi' })).status).toBe(500);
    expect((await postJson(sim.injectUrl(), { userId: 'u', sessionId: 's', data: { endHandover: true } })).status).toBe(500);
    expect(sim.notificationsFor('s').map((notification) => notification.text)).toEqual(['agent: hi']);
    expect(sim.injectionsFor('s').map((injection) => injection.rule)).toEqual(['end']);
  });

  it('hang holds notify until the client gives up, and nothing is shown', async () => {
    sim.options.faults = [{ call: 'notify', hang: true }];
    await expect(postJson(sim.notifyUrl(), { userId: 'u', sessionId: 's', text: 'held' }, { timeoutMs: 200 })).rejects.toThrow();
    await waitFor(() => sim.heldRequests === 0, 'the release');
    expect(sim.state.notifications).toEqual([]);
    expect(sim.state.requests[0].outcome).toBe('client-aborted');
  });

  it('validates faults set over PATCH /sim/options', async () => {
    const bad = await requestJson('PATCH', `${sim.url}/sim/options`, { body: { faults: [{ call: 'rest' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('faults[0].call must be one of notify, inject, *');
  });
});
