import type { BotkitAgentSession, BotkitUser } from './botkit-state';

/**
 * Ends an active agent session whose last activity is `idleMs` or more in the past (Kore resets agent mode after
 * 15 min without activity, §B4; `extendcallid` does not prevent it, only activity does). Returns whether it is
 * still active. Pure: `nowMs` is passed in.
 */
export function expireIfIdle(session: BotkitAgentSession, nowMs: number, idleMs: number): boolean {
  if (!session.active) return false;
  const idleSince = Date.parse(session.lastActivityAt);
  if (nowMs - idleSince < idleMs) return true;
  session.active = false;
  session.endReason = 'idle';
  session.endedAt = new Date(idleSince + idleMs).toISOString();
  session.idleResets += 1;
  return false;
}

/** Activity on the user's conversation (a callback, a user message or any SDK call): restarts the idle clock. */
export function markActivity(session: BotkitAgentSession, now: Date, idleMs: number): void {
  expireIfIdle(session, now.getTime(), idleMs);
  session.lastActivityAt = now.toISOString();
}

export function startAgentSession(session: BotkitAgentSession, now: Date, by: 'on_agent_transfer' | 'startAgentSession'): void {
  session.active = true;
  session.startedAt = now.toISOString();
  session.startedBy = by;
  session.lastActivityAt = now.toISOString();
  delete session.endedAt;
  delete session.endReason;
}

export function clearAgentSession(session: BotkitAgentSession, now: Date): void {
  session.clears += 1;
  session.clearedAt = now.toISOString();
  if (!session.active) return;
  session.active = false;
  session.endReason = 'cleared';
  session.endedAt = now.toISOString();
}

/**
 * Keeps `agentSession.active` true to the clock in the recorded state (tests read it directly): one timer per
 * active user fires when the idle window ends and re-checks against the live option and last activity.
 */
export class AgentSessionTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly idleMs: () => number,
    private readonly now: () => Date,
  ) {}

  /** (Re)arms the user's timer after activity; drops it when the session is not active. */
  arm(user: BotkitUser): void {
    this.disarm(user.userId);
    if (!expireIfIdle(user.agentSession, this.now().getTime(), this.idleMs())) return;
    const remaining = Date.parse(user.agentSession.lastActivityAt) + this.idleMs() - this.now().getTime();
    const timer = setTimeout(() => this.arm(user), Math.max(1, remaining));
    timer.unref();
    this.timers.set(user.userId, timer);
  }

  disarm(userId: string): void {
    clearTimeout(this.timers.get(userId));
    this.timers.delete(userId);
  }

  disarmAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
