import { isPlainObject } from '../support/field-checks';
import { joinPath, type FieldErrors } from '../support/field-errors';

/** A bot as the Digital Bot Connector service describes it (GET {base}/bots/{botId}); exact schema UNCONFIRMED. */
export interface DigitalBot {
  id: string;
  name: string;
  description?: string;
  versions: DigitalBotVersion[];
}

export interface DigitalBotVersion {
  version: string;
  supportedLanguages: string[];
  intents: { name: string }[];
}

/**
 * GET {base}/bots → `{entities: [bot…]}` (the shape of the public v2 reference implementation; UNCONFIRMED).
 * Each bot needs `id` and `name`; `versions`, when present, are checked like GET /bots/{botId}.
 */
export function checkBotListing(errors: FieldErrors, body: unknown): DigitalBot[] | undefined {
  if (!isPlainObject(body)) {
    errors.add('body', 'must be a JSON object {entities: [...]}');
    return undefined;
  }
  if (!Array.isArray(body.entities)) {
    errors.add('entities', 'is required and must be an array of bots');
    return undefined;
  }
  const before = errors.list.length;
  body.entities.forEach((bot, index) => checkBot(errors, bot, joinPath('entities', index), false));
  return errors.list.length > before ? undefined : body.entities.map((bot) => normalize(bot as Record<string, unknown>));
}

/** GET {base}/bots/{botId} → `{id, name, description?, versions: [{version, supportedLanguages, intents: [{name}]}]}`. */
export function checkBotDefinition(errors: FieldErrors, body: unknown, botId: string): DigitalBot | undefined {
  const before = errors.list.length;
  checkBot(errors, body, '', true);
  if (isPlainObject(body) && typeof body.id === 'string' && body.id !== botId) errors.add('id', `must be the requested bot id ${botId}`);
  return errors.list.length > before ? undefined : normalize(body as Record<string, unknown>);
}

function checkBot(errors: FieldErrors, bot: unknown, path: string, versionsRequired: boolean): void {
  const at = (key: string): string => joinPath(path, key);
  if (!isPlainObject(bot)) return errors.add(path || 'body', 'must be a bot object');
  if (typeof bot.id !== 'string' || bot.id === '') errors.add(at('id'), 'is required and must be a non-empty string');
  if (typeof bot.name !== 'string' || bot.name === '') errors.add(at('name'), 'is required and must be a non-empty string');
  if (bot.description !== undefined && bot.description !== null && typeof bot.description !== 'string') errors.add(at('description'), 'must be a string');
  if (bot.versions === undefined && !versionsRequired) return;
  if (!Array.isArray(bot.versions)) return errors.add(at('versions'), 'is required and must be an array');
  bot.versions.forEach((version, index) => checkVersion(errors, version, joinPath(at('versions'), index)));
}

function checkVersion(errors: FieldErrors, version: unknown, path: string): void {
  if (!isPlainObject(version)) return errors.add(path, 'must be an object');
  if (typeof version.version !== 'string' || version.version === '') errors.add(`${path}.version`, 'is required and must be a non-empty string');
  const languages = version.supportedLanguages;
  if (languages !== undefined && (!Array.isArray(languages) || languages.some((language) => typeof language !== 'string'))) {
    errors.add(`${path}.supportedLanguages`, 'must be an array of language codes');
  }
  if (!Array.isArray(version.intents)) return errors.add(`${path}.intents`, 'is required and must be an array');
  version.intents.forEach((intent, index) => {
    const intentPath = joinPath(`${path}.intents`, index);
    if (!isPlainObject(intent) || typeof intent.name !== 'string' || intent.name === '') {
      errors.add(`${intentPath}.name`, 'is required and must be a non-empty string');
    }
  });
}

function normalize(bot: Record<string, unknown>): DigitalBot {
  const versions = Array.isArray(bot.versions) ? (bot.versions as Record<string, unknown>[]) : [];
  return {
    id: bot.id as string,
    name: bot.name as string,
    ...(typeof bot.description === 'string' ? { description: bot.description } : {}),
    versions: versions.map((version) => ({
      version: version.version as string,
      supportedLanguages: Array.isArray(version.supportedLanguages) ? [...(version.supportedLanguages as string[])] : [],
      intents: (version.intents as Record<string, unknown>[]).map((intent) => ({ name: intent.name as string })),
    })),
  };
}
