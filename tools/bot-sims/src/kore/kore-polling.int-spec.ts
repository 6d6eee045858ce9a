import { waitFor } from '../testing/http-client';
import type { KoreSyncResponse } from './kore-response.builder';
import { startKoreFixture, type KoreFixture } from '../testing/kore-fixture';
import { NO_DATA_FOUND } from './kore-webhook.routes';

describe('Kore webhook v2 polling (bot-platforms.md §B2 "Enable Polling for Webhook v2")', () => {
  let fixture: KoreFixture;

  afterEach(async () => {
    await fixture.close();
  });

  const pollUntilReady = (pollId: string) =>
    waitFor(
      async () => {
        const result = await fixture.poll(pollId);
        return result.body.status === 'Inprogress' ? undefined : result;
      },
      `poll ${pollId} to complete`,
    );

  it('answers the first message with a pollId, "Inprogress" until ready, then the rest, then 400 "No data found"', async () => {
    fixture = await startKoreFixture();
    const first = await fixture.say('poller', 'backend');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ to: 'poller', _v: 'v2', endOfTask: false, pollId: expect.any(String) });
    expect(first.body.data.map((item) => item.val)).toEqual(['Let me check that for you…']);
    const pollId = first.body.pollId as string;

    const inProgress = await fixture.poll(pollId);
    expect(inProgress.status).toBe(200);
    expect(inProgress.body).toEqual({ status: 'Inprogress', pollId, _v: 'v2' });
    // While in progress, the same pollId may be asked again.
    expect((await fixture.poll(pollId)).body.status).toBe('Inprogress');

    const done = await pollUntilReady(pollId);
    const rest = done.body as unknown as KoreSyncResponse;
    expect(rest.data.map((item) => item.val)).toEqual(['Your balance is 42.00 EUR.', 'Anything else?']);
    expect(rest).not.toHaveProperty('pollId');
    expect(rest).toMatchObject({ to: 'poller', _v: 'v2', endOfTask: true, endReason: 'Fulfilled', completedTaskName: 'Show Balance' });

    const again = await fixture.poll(pollId);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errors: [{ msg: NO_DATA_FOUND, code: 400 }] });
    expect(fixture.sim.state.polls[pollId].status).toBe('delivered');
    expect(fixture.sim.session('poller')?.requests.filter((request) => request.method === 'GET').length).toBeGreaterThanOrEqual(4);
  });

  it('chains polls over several batches: every answer but the last carries the next pollId', async () => {
    fixture = await startKoreFixture({
      script: [{ match: { any: true }, outputs: ['a', 'b', 'c', 'd', 'e'], slowBackend: { immediate: 1, readyAfterMs: 50, batches: 2 } }],
    });
    const first = await fixture.say('chain', 'go');
    const received = first.body.data.map((item) => item.val);
    let pollId = first.body.pollId;
    let hops = 0;
    while (pollId) {
      const answer = (await pollUntilReady(pollId)).body as unknown as KoreSyncResponse;
      received.push(...answer.data.map((item) => item.val));
      pollId = answer.pollId;
      hops += 1;
    }
    expect(hops).toBe(2);
    expect(received).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('answers 400 "No data found" for an unknown pollId or another bot\'s streamId', async () => {
    fixture = await startKoreFixture();
    expect((await fixture.poll('0123456789abcdef')).body).toMatchObject({ errors: [{ msg: NO_DATA_FOUND, code: 400 }] });
    const other = fixture.sim.addBot({ botId: 'st-other', name: 'other', clientId: 'cs-other', clientSecret: 'other-secret' });
    const first = await fixture.say('u', 'backend');
    const response = await fetch(`${fixture.sim.url}/chatbot/v2/webhook/${other.botId}/poll/${first.body.pollId as string}`, {
      headers: { authorization: `bearer ${fixture.sim.createToken({}, { botId: other.botId })}` },
    });
    expect(response.status).toBe(400);
  });

  it('requires the bot JWT on polls by default and not with pollAuth "none" (UNCONFIRMED)', async () => {
    fixture = await startKoreFixture();
    const { pollId } = (await fixture.say('u', 'backend')).body;
    const anonymous = await fixture.poll(pollId as string, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ errors: [{ msg: 'Invalid access token', code: 401 }] });

    fixture.sim.options.pollAuth = 'none';
    expect((await fixture.poll(pollId as string, {})).body).toMatchObject({ status: 'Inprogress' });
  });

  it('with polling off, the sync answer waits for the slow backend and carries everything', async () => {
    fixture = await startKoreFixture({
      polling: false,
      script: [{ match: { any: true }, outputs: ['a', 'b'], slowBackend: { readyAfterMs: 200 } }],
    });
    const response = await fixture.say('u', 'go');
    expect(response.elapsedMs).toBeGreaterThanOrEqual(190);
    expect(response.body.data.map((item) => item.val)).toEqual(['a', 'b']);
    expect(response.body).not.toHaveProperty('pollId');
  });

  it('with polling off, a backend slower than the 15 s sync timeout ends in 504', async () => {
    fixture = await startKoreFixture({ polling: false, syncTimeoutMs: 150 });
    const response = await fixture.say('u', 'backend');
    expect(response.status).toBe(504);
    expect(response.body).toMatchObject({ errors: [{ code: 504 }], _v: 'v2' });
    expect(response.elapsedMs).toBeLessThan(900);
  });
});
