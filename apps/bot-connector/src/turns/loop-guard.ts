import type { LoopGuardSettings } from '../connectors/connector-settings';

export interface IntentStreak {
  /** The intent the bot meant (before any alternate name). */
  lastIntent: string | null;
  intentStreak: number;
  lastSlots: string | null;
}

/**
 * Genesys fails a Bot Connector session when the same intent comes back more than `maxRepeats` turns
 * in a row without new slot values (genesys-api.md §1.3, UNCONFIRMED third-party report). We switch
 * between the intent and its alternate name (`<intent><suffix>`, registered by bot-list sync) every
 * `maxRepeats` turns, so no name repeats too often while Architect still sees what the bot meant.
 */
export function guardIntent(intent: string, slots: Record<string, string>, previous: IntentStreak, settings: LoopGuardSettings): { intent: string; streak: IntentStreak } {
  const slotsKey = JSON.stringify(Object.entries(slots).sort(([a], [b]) => a.localeCompare(b)));
  const repeats = previous.lastIntent === intent && previous.lastSlots === slotsKey;
  const streak: IntentStreak = { lastIntent: intent, intentStreak: repeats ? previous.intentStreak + 1 : 1, lastSlots: slotsKey };
  if (!settings.enabled) return { intent, streak };
  const useAlternate = Math.floor((streak.intentStreak - 1) / settings.maxRepeats) % 2 === 1;
  return { intent: useAlternate ? alternateIntentName(intent, settings) : intent, streak };
}

export function alternateIntentName(intent: string, settings: LoopGuardSettings): string {
  return `${intent}${settings.alternateSuffix}`;
}
