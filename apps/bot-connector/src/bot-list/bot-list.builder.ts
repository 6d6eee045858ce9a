import type { BotList } from '@genesys-bridge/genesys-client';
import type { ConnectorSettings } from '../connectors/connector-settings';
import { alternateIntentName } from '../turns/loop-guard';

/** Genesys' bot list limits (genesys-api.md §1.5). */
export const BOT_LIST_LIMITS = { bots: 50, versions: 50, intents: 50, slots: 50, nameLength: 100, descriptionLength: 256 } as const;

export class BotListLimitError extends Error {
  override readonly name = 'BotListLimitError';
}

/**
 * The bot list Genesys needs to show intents and slots in Architect, from a connector's settings.
 * Every intent this connector can return is registered: the bots' own intents, the handover,
 * end and fallback intents, and — with the loop guard on — each one's alternate name.
 */
export function buildBotList(settings: ConnectorSettings): BotList {
  const builtIn = [settings.handoverIntent, settings.endIntent, ...(settings.fallback.mode === 'escalate' ? [settings.fallback.intent] : [])];
  const chatBots = settings.bots.map((bot) => {
    const names = new Map<string, Record<string, { name: string; type: string }> | undefined>();
    for (const intent of bot.intents) names.set(intent.name, intent.slots && Object.fromEntries(intent.slots.map((slot) => [slot.name, { name: slot.name, type: slot.type }])));
    for (const name of builtIn) if (!names.has(name)) names.set(name, undefined);
    if (settings.loopGuard.enabled) for (const [name, slots] of [...names]) names.set(alternateIntentName(name, settings.loopGuard), slots);
    if (names.size > BOT_LIST_LIMITS.intents) {
      throw new BotListLimitError(`bot ${bot.id}: ${names.size} intents with the built-in and loop-guard alternate names; Genesys allows ${BOT_LIST_LIMITS.intents}`);
    }
    for (const name of names.keys()) {
      if (name.length > BOT_LIST_LIMITS.nameLength) throw new BotListLimitError(`bot ${bot.id}: intent name "${name.slice(0, 40)}…" is longer than ${BOT_LIST_LIMITS.nameLength} characters`);
    }
    return {
      id: bot.id,
      name: bot.name,
      ...(bot.description ? { description: bot.description } : {}),
      versions: [
        {
          version: bot.version,
          supportedLanguages: bot.supportedLanguages,
          intents: [...names].map(([name, slots]) => (slots ? { name, slots } : { name })),
        },
      ],
    };
  });
  return { chatBots };
}
