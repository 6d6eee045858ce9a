import type { BotEntityValue, BotState } from './bot-connector.model';

/**
 * The v1 loop detector reported by a third party (UNCONFIRMED, §1.3): the same `intent` on more than `maxRepeats`
 * consecutive `MoreData` turns without any slot (entity) value changing fails the session (NoMatch).
 * A turn without an intent, with another intent or with changed slot values starts a new streak.
 */
export class LoopGuard {
  private intent?: string;
  private slots = '';
  private streak = 0;

  constructor(private readonly maxRepeats: number) {}

  /** Records one valid turn; true when the loop detector trips on it. */
  observe(botState: BotState, intent: string | undefined, entities: readonly BotEntityValue[] | undefined): boolean {
    const slots = slotFingerprint(entities);
    if (botState !== 'MoreData' || intent === undefined) {
      this.intent = undefined;
      this.streak = 0;
      this.slots = slots;
      return false;
    }
    if (intent === this.intent && slots === this.slots) this.streak += 1;
    else this.streak = 1;
    this.intent = intent;
    this.slots = slots;
    return this.streak > this.maxRepeats;
  }

  get consecutiveRepeats(): number {
    return this.streak;
  }
}

/** Slot values by name, order-insensitive. */
function slotFingerprint(entities: readonly BotEntityValue[] | undefined): string {
  const pairs = (entities ?? []).map((entity) => [entity.name, entity.values ?? entity.value ?? null] as const);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(pairs);
}
