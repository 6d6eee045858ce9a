import { isPlainObject } from '../support/field-checks';
import { checkDisplayableName, FieldErrors, invalidFields, joinPath } from '../support/field-errors';
import type { BotConnectorBot, BotConnectorBotVersion, BotIntent, BotList, BotSlot } from './bot-connector.model';

/** PYSDK BotList / BotConnectorBot / BotConnectorBotVersion / BotIntent / BotSlot limits (§1.5). */
export const BOT_LIST_LIMITS = {
  bots: 50,
  versionsPerBot: 50,
  intentsPerVersion: 50,
  slotsPerIntent: 50,
  nameLength: 100,
  descriptionLength: 256,
} as const;

const BASE_SLOT_TYPES = ['string', 'integer', 'decimal', 'duration', 'boolean', 'currency', 'datetime'] as const;

/** Slot types: the base types and their `xxxCollection` variants; samples use `"String"`, so case is not significant. */
export const SLOT_TYPES: readonly string[] = [...BASE_SLOT_TYPES, ...BASE_SLOT_TYPES.map((type) => `${type}collection`)];

export const isSlotType = (value: unknown): boolean => typeof value === 'string' && SLOT_TYPES.includes(value.toLowerCase());

/** Validates a PUT …/bots body like Genesys (every problem named by its field path); throws a 400 when invalid. */
export function validateBotList(value: unknown): BotList {
  const errors = new FieldErrors();
  if (!isPlainObject(value)) {
    errors.add('body', 'is required and must be an object');
    throw invalidFields(errors.list);
  }
  const chatBots = value.chatBots;
  if (!Array.isArray(chatBots)) {
    errors.add('chatBots', 'is required and must be an array');
  } else {
    if (chatBots.length > BOT_LIST_LIMITS.bots) errors.add('chatBots', `must have at most ${BOT_LIST_LIMITS.bots} bots`);
    const ids = new Set<string>();
    chatBots.forEach((bot, index) => {
      const path = joinPath('chatBots', index);
      checkBot(errors, bot, path);
      const id = isPlainObject(bot) ? bot.id : undefined;
      if (typeof id === 'string') {
        if (ids.has(id)) errors.add(`${path}.id`, `duplicates bot id ${id}`);
        ids.add(id);
      }
    });
  }
  if (!errors.empty) throw invalidFields(errors.list);
  return { chatBots: (chatBots as unknown[]).map(normalizeBot) };
}

function checkBot(errors: FieldErrors, bot: unknown, path: string): void {
  if (!isPlainObject(bot)) return errors.add(path, 'must be an object');
  if (typeof bot.id !== 'string' || bot.id.trim() === '') errors.add(`${path}.id`, 'is required and must be a non-empty string');
  checkDisplayableName(errors, bot.name, `${path}.name`, BOT_LIST_LIMITS.nameLength, false);
  checkDisplayableName(errors, bot.description, `${path}.description`, BOT_LIST_LIMITS.descriptionLength, false);
  const versions = bot.versions;
  if (!Array.isArray(versions)) return errors.add(`${path}.versions`, 'is required and must be an array');
  if (versions.length > BOT_LIST_LIMITS.versionsPerBot) {
    errors.add(`${path}.versions`, `must have at most ${BOT_LIST_LIMITS.versionsPerBot} versions`);
  }
  const names = new Set<string>();
  versions.forEach((version, index) => {
    const versionPath = joinPath(`${path}.versions`, index);
    checkVersion(errors, version, versionPath);
    const name = isPlainObject(version) ? version.version : undefined;
    if (typeof name === 'string') {
      if (names.has(name)) errors.add(`${versionPath}.version`, `duplicates version ${name}`);
      names.add(name);
    }
  });
}

function checkVersion(errors: FieldErrors, version: unknown, path: string): void {
  if (!isPlainObject(version)) return errors.add(path, 'must be an object');
  checkDisplayableName(errors, version.version, `${path}.version`, BOT_LIST_LIMITS.nameLength, true);
  const languages = version.supportedLanguages;
  if (!Array.isArray(languages)) {
    errors.add(`${path}.supportedLanguages`, 'is required and must be an array of language codes');
  } else {
    languages.forEach((language, index) => {
      if (typeof language !== 'string' || language.trim() === '') errors.add(joinPath(`${path}.supportedLanguages`, index), 'must be a language code');
    });
  }
  const intents = version.intents;
  if (!Array.isArray(intents)) return errors.add(`${path}.intents`, 'is required and must be an array');
  if (intents.length > BOT_LIST_LIMITS.intentsPerVersion) {
    errors.add(`${path}.intents`, `must have at most ${BOT_LIST_LIMITS.intentsPerVersion} intents`);
  }
  const names = new Set<string>();
  intents.forEach((intent, index) => {
    const intentPath = joinPath(`${path}.intents`, index);
    checkIntent(errors, intent, intentPath);
    const name = isPlainObject(intent) ? intent.name : undefined;
    if (typeof name === 'string') {
      if (names.has(name)) errors.add(`${intentPath}.name`, `duplicates intent ${name}`);
      names.add(name);
    }
  });
}

function checkIntent(errors: FieldErrors, intent: unknown, path: string): void {
  if (!isPlainObject(intent)) return errors.add(path, 'must be an object');
  checkDisplayableName(errors, intent.name, `${path}.name`, BOT_LIST_LIMITS.nameLength, true);
  if (intent.slots === undefined || intent.slots === null) return;
  if (!isPlainObject(intent.slots)) return errors.add(`${path}.slots`, 'must be an object of slots keyed by name');
  const entries = Object.entries(intent.slots);
  if (entries.length > BOT_LIST_LIMITS.slotsPerIntent) errors.add(`${path}.slots`, `must have at most ${BOT_LIST_LIMITS.slotsPerIntent} slots`);
  for (const [key, slot] of entries) {
    const slotPath = `${path}.slots.${key}`;
    if (!isPlainObject(slot)) {
      errors.add(slotPath, 'must be an object {name, type}');
      continue;
    }
    checkDisplayableName(errors, slot.name, `${slotPath}.name`, BOT_LIST_LIMITS.nameLength, true);
    if (!isSlotType(slot.type)) {
      errors.add(`${slotPath}.type`, `must be one of ${BASE_SLOT_TYPES.join(', ')} or their xxxCollection variants`);
    }
  }
}

function normalizeBot(value: unknown): BotConnectorBot {
  const bot = value as Record<string, unknown>;
  return {
    id: bot.id as string,
    ...(bot.name === undefined || bot.name === null ? {} : { name: bot.name as string }),
    ...(bot.description === undefined || bot.description === null ? {} : { description: bot.description as string }),
    versions: (bot.versions as Record<string, unknown>[]).map(
      (version): BotConnectorBotVersion => ({
        version: version.version as string,
        supportedLanguages: [...(version.supportedLanguages as string[])],
        intents: (version.intents as Record<string, unknown>[]).map(normalizeIntent),
      }),
    ),
  };
}

function normalizeIntent(intent: Record<string, unknown>): BotIntent {
  if (!isPlainObject(intent.slots)) return { name: intent.name as string };
  const slots = Object.fromEntries(
    Object.entries(intent.slots).map(([key, slot]) => {
      const { name, type } = slot as BotSlot;
      return [key, { name, type }];
    }),
  );
  return { name: intent.name as string, slots };
}
