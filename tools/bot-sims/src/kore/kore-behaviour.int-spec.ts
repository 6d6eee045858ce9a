import { waitFor } from '../testing/http-client';
import { startKoreFixture, type KoreFixture } from '../testing/kore-fixture';

describe('Kore simulator failure modes as a client with a timeout sees them', () => {
  let fixture: KoreFixture;
  const lastRequest = () => fixture.sim.state.requests[fixture.sim.state.requests.length - 1];

  beforeEach(async () => {
    fixture = await startKoreFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it.each([
    ['boom', 500],
    ['unavailable', 503],
  ])('answers "%s" with HTTP %i in the Kore error shape', async (text, status) => {
    const response = await fixture.say('u', text);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ errors: [{ code: status }], _v: 'v2' });
  });

  it('"slow" (10 s) makes a client with a short timeout give up; the sim records the abort', async () => {
    await expect(fixture.say('u', 'slow', {}, 300)).rejects.toThrow(/timeout|aborted/i);
    await waitFor(() => lastRequest().outcome === 'client-aborted', 'the abort to be recorded');
    expect(fixture.sim.heldRequests).toBe(0);
  });

  it('a delay longer than syncTimeoutMs ends in 504 at the platform timeout', async () => {
    fixture.sim.options.syncTimeoutMs = 200;
    const response = await fixture.say('u', 'slow');
    expect(response.status).toBe(504);
    expect(response.body).toMatchObject({ errors: [{ msg: 'Request timed out', code: 504 }] });
    expect(response.elapsedMs).toBeGreaterThanOrEqual(190);
    expect(response.elapsedMs).toBeLessThan(2_000);
  });

  it('a delay within syncTimeoutMs is answered normally after the delay', async () => {
    fixture.sim.setScript([{ match: { any: true }, delayMs: 200, outputs: ['late'] }]);
    const response = await fixture.say('u', 'x');
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeGreaterThanOrEqual(190);
    expect(response.body.data[0].val).toBe('late');
  });

  it('"hang" never answers, whatever syncTimeoutMs says', async () => {
    fixture.sim.options.syncTimeoutMs = 50;
    await expect(fixture.say('u', 'hang', {}, 300)).rejects.toThrow(/timeout|aborted/i);
    await waitFor(() => lastRequest().outcome === 'client-aborted', 'the abort to be recorded');
  });

  it('"drop" closes the connection without an answer', async () => {
    await expect(fixture.say('u', 'drop')).rejects.toThrow(/fetch failed/);
    expect(lastRequest().outcome).toBe('connection-closed');
  });
});
