import { startBotkitFixture, type BotkitFixture } from '../../testing/botkit-fixture';
import { waitFor } from '../../testing/http-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Kore BotKit agent session (bot-platforms.md §B4, §B5)', () => {
  let fixture: BotkitFixture;
  const session = (userId = 'u-1') => fixture.sim.botkitUser(userId)?.agentSession;
  const flag = async (userId = 'u-1') => (await fixture.sim.botkitUserMessage({ userId, text: 'still there?' })).payload.agent_transfer;

  beforeEach(async () => {
    fixture = await startBotkitFixture();
  });

  afterEach(async () => {
    await fixture.close();
  });

  it('on_user_message carries agent_transfer:true after the transfer and false again after clearAgentSession', async () => {
    expect(await flag()).toBe(false);
    const { payload } = await fixture.sim.botkitAgentTransfer({ userId: 'u-1' });
    expect(await flag()).toBe(true);
    expect(await flag('someone-else')).toBe(false);

    const cleared = await fixture.sdk('clearAgentSession', payload);
    expect(cleared.status).toBe(200);
    expect(session()).toMatchObject({ active: false, endReason: 'cleared', clears: 1, clearedAt: expect.any(String) });
    const after = await fixture.sim.botkitUserMessage({ userId: 'u-1', text: 'bot again' });
    expect(after.payload.agent_transfer).toBe(false);
    expect(after.payload.context.history).toEqual([]);

    expect((await fixture.sdk('startAgentSession', after.payload)).status).toBe(200);
    expect(session()).toMatchObject({ active: true, startedBy: 'startAgentSession', starts: 1 });
    expect(await flag()).toBe(true);
  });

  it('resets agent mode after agentSessionIdleMs without activity; user messages and SDK calls are activity, extendcallid is not', async () => {
    fixture.sim.options.botkit.agentSessionIdleMs = 400;
    const { payload } = await fixture.sim.botkitAgentTransfer({ userId: 'u-1' });
    for (let i = 0; i < 4; i += 1) {
      await sleep(150);
      if (i % 2 === 0) await fixture.sim.botkitUserMessage({ userId: 'u-1', text: `ping ${i}` });
      else await fixture.sdk('sendUserMessage', payload, { ...payload, message: `pong ${i}` });
    }
    expect(session()?.active).toBe(true);

    const started = Date.now();
    const extending = setInterval(() => void fixture.sdk('extendcallid', payload), 50);
    try {
      await waitFor(() => session()?.active === false, 'the idle reset', { timeoutMs: 3_000 });
    } finally {
      clearInterval(extending);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(session()).toMatchObject({ endReason: 'idle', idleResets: 1 });
    expect(fixture.sim.botkitUser('u-1')?.extends).toBeGreaterThan(0);
    expect(await flag()).toBe(false);
  });

  it('a live idle setting applies to sessions already running, and reset forgets everything', async () => {
    await fixture.sim.botkitAgentTransfer({ userId: 'u-1' });
    fixture.sim.options.botkit.agentSessionIdleMs = 1;
    await sleep(5);
    expect(await flag()).toBe(false);
    fixture.sim.reset();
    expect(fixture.sim.state.botkit).toEqual({ callbacks: [], requestIds: {}, users: {}, sdkCalls: [] });
  });
});
