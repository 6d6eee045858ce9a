import type { Conversation, Participant } from '../conversations/conversation.model';
import type { ConversationObserver } from '../conversations/conversation-observer';
import type { ConversationStore } from '../conversations/conversation.store';

/** Genesys' system wrap-up code when after-call work ends on its timeout rather than by the agent. */
export const ACW_TIMEOUT_WRAPUP_CODE = 'ININ-WRAP-UP-TIMEOUT';

/**
 * Ends the after-call work of every agent leg that disconnects, `afterCallWorkMs` later, with the timeout wrap-up
 * code (like a queue's "mandatory, time-boxed" ACW setting). Genesys publishes the `acw` detail event when the
 * wrap-up is applied, not when the leg disconnects (peers.md: Cognigy, "triggered when a user finishes after-call
 * work by applying a wrap-up"), so this timer decides when `acw` arrives. `null` leaves every leg in after-call
 * work until the test calls `sim.agent(id).wrapUp()`.
 */
export class AfterCallWorkTimers implements ConversationObserver {
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly conversations: ConversationStore,
    private readonly afterCallWorkMs: () => number | null,
  ) {}

  participantDisconnected(conversation: Conversation, participant: Participant): void {
    const delayMs = this.afterCallWorkMs();
    if (participant.purpose !== 'agent' || delayMs === null) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.conversations.applyWrapup(conversation, participant, { code: ACW_TIMEOUT_WRAPUP_CODE, name: ACW_TIMEOUT_WRAPUP_CODE });
      this.settle();
    }, Math.max(0, delayMs));
    this.timers.add(timer);
  }

  /** Resolves when no automatic wrap-up is pending. */
  idle(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Forgets pending wrap-ups (reset, close). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.settle();
  }

  private settle(): void {
    if (this.timers.size > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
