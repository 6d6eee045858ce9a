import { postJson, waitFor } from '../testing/http-client';
import { createCognigySim, type CognigySim } from './cognigy-sim';

describe('Cognigy simulator failure modes as a client with a timeout sees them', () => {
  let sim: CognigySim;
  const say = (text: string, timeoutMs = 2_000) => postJson(sim.endpointUrl(), { userId: 'u', sessionId: 'failures', text }, { timeoutMs });
  const lastRequest = () => sim.state.requests[sim.state.requests.length - 1];

  beforeEach(async () => {
    sim = await createCognigySim();
  });

  afterEach(async () => {
    await sim.close();
  });

  it.each([
    ['boom', 500],
    ['unavailable', 503],
  ])('answers "%s" with HTTP %i', async (text, status) => {
    const response = await say(text);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status });
    expect(sim.session('failures')?.turns[0]).toMatchObject({ status, rule: expect.any(String) });
    expect(sim.session('failures')?.turns[0]).not.toHaveProperty('response');
  });

  it('uses the rule body for a scripted failure when given', async () => {
    sim.setScript([{ match: { any: true }, status: 502, body: { error: 'upstream flow failed' } }]);
    const response = await say('anything');
    expect(response).toMatchObject({ status: 502, body: { error: 'upstream flow failed' } });
  });

  it('"slow" (10 s) makes a client with a short timeout give up, and the sim records the abort', async () => {
    await expect(say('slow', 300)).rejects.toThrow(/timeout|aborted/i);
    await waitFor(() => lastRequest().outcome === 'client-aborted', 'the abort to be recorded');
    expect(sim.heldRequests).toBe(0);
  });

  it('answers a delayed rule only after its delay', async () => {
    sim.setScript([{ match: { any: true }, delayMs: 250, outputs: [{ text: 'finally' }] }]);
    const response = await say('x');
    expect(response.status).toBe(200);
    expect(response.body.text).toBe('finally');
    expect(response.elapsedMs).toBeGreaterThanOrEqual(240);
    expect(lastRequest()).toMatchObject({ outcome: 'answered', status: 200 });
  });

  it('"hang" never answers until the client gives up', async () => {
    await expect(say('hang', 200)).rejects.toThrow(/timeout|aborted/i);
    await waitFor(() => lastRequest().outcome === 'client-aborted', 'the abort to be recorded');
  });

  it('close() releases requests that still hang', async () => {
    const pending = say('hang', 5_000);
    await waitFor(() => sim.heldRequests === 1, 'the request to be held');
    await sim.close();
    await expect(pending).rejects.toThrow();
    expect(lastRequest().outcome).toBe('sim-closed');
  });

  it('"drop" closes the connection without an answer', async () => {
    await expect(say('drop')).rejects.toThrow(/fetch failed/);
    expect(lastRequest()).toMatchObject({ outcome: 'connection-closed' });
    expect(lastRequest().status).toBeUndefined();
  });
});
