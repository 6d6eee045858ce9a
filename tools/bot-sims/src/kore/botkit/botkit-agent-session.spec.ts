import { clearAgentSession, expireIfIdle, markActivity, startAgentSession } from './botkit-agent-session';
import type { BotkitAgentSession } from './botkit-state';

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const IDLE = 15 * 60_000;
const at = (ms: number) => new Date(T0 + ms);
const fresh = (): BotkitAgentSession => ({ active: false, lastActivityAt: at(0).toISOString(), clears: 0, starts: 0, idleResets: 0 });

describe('BotKit agent session (bot-platforms.md §B4: 15 min without activity resets agent mode)', () => {
  it('stays active while activity keeps coming, and ends 15 min after the last activity', () => {
    const session = fresh();
    startAgentSession(session, at(0), 'on_agent_transfer');
    markActivity(session, at(IDLE - 1), IDLE);
    expect(expireIfIdle(session, T0 + 2 * IDLE - 2, IDLE)).toBe(true);
    expect(expireIfIdle(session, T0 + 2 * IDLE - 1, IDLE)).toBe(false);
    expect(session).toMatchObject({ active: false, endReason: 'idle', endedAt: at(2 * IDLE - 1).toISOString(), idleResets: 1 });
  });

  it('does not revive an idle session on later activity', () => {
    const session = fresh();
    startAgentSession(session, at(0), 'on_agent_transfer');
    markActivity(session, at(IDLE + 1), IDLE);
    expect(session.active).toBe(false);
    expect(session.lastActivityAt).toBe(at(IDLE + 1).toISOString());
  });

  it('clearAgentSession ends it and counts every clear; a restart forgets the end', () => {
    const session = fresh();
    startAgentSession(session, at(0), 'on_agent_transfer');
    clearAgentSession(session, at(10));
    clearAgentSession(session, at(20));
    expect(session).toMatchObject({ active: false, endReason: 'cleared', endedAt: at(10).toISOString(), clearedAt: at(20).toISOString(), clears: 2 });
    startAgentSession(session, at(30), 'startAgentSession');
    expect(session).toMatchObject({ active: true, startedBy: 'startAgentSession' });
    expect(session.endReason).toBeUndefined();
  });
});
