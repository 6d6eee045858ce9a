import { DEFAULT_COGNIGY_URL_TOKEN, type CognigySimOptionsInput } from '../cognigy/cognigy-options';
import { DEFAULT_KORE_BOT, type KoreSimOptionsInput } from '../kore/kore-options';

export type Env = Record<string, string | undefined>;

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_COGNIGY_PORT = 9091;
export const DEFAULT_KORE_PORT = 9092;

export interface BotSimsConfig {
  cognigy: CognigySimOptionsInput;
  kore: KoreSimOptionsInput;
}

/**
 * Standalone configuration: `BOT_SIMS_CONFIG` (a JSON file `{cognigy: {...}, kore: {...}}` of partial options)
 * overlaid with `BOT_SIMS_HOST`, `BOT_SIMS_PORT_COGNIGY` (9091), `BOT_SIMS_PORT_KORE` (9092),
 * `BOT_SIMS_COGNIGY_URL_TOKEN`, `BOT_SIMS_KORE_BOT_ID` / `_CLIENT_ID` / `_CLIENT_SECRET` and
 * `BOT_SIMS_KORE_BOTKIT_CALLBACK_URL` (the gateway's BotKit base, e.g. `http://127.0.0.1:3001/kore/<connectionId>`).
 */
export function loadBotSimsConfig(env: Env, readFile: (path: string) => string): BotSimsConfig {
  const fromFile = env.BOT_SIMS_CONFIG ? parseConfigFile(env.BOT_SIMS_CONFIG, readFile(env.BOT_SIMS_CONFIG)) : { cognigy: {}, kore: {} };
  const host = env.BOT_SIMS_HOST ?? DEFAULT_HOST;
  const kore = fromFile.kore;
  const overridesBot = env.BOT_SIMS_KORE_BOT_ID || env.BOT_SIMS_KORE_CLIENT_ID || env.BOT_SIMS_KORE_CLIENT_SECRET;
  return {
    cognigy: {
      ...fromFile.cognigy,
      host: env.BOT_SIMS_HOST ?? fromFile.cognigy.host ?? host,
      port: env.BOT_SIMS_PORT_COGNIGY ? parsePort('BOT_SIMS_PORT_COGNIGY', env.BOT_SIMS_PORT_COGNIGY) : (fromFile.cognigy.port ?? DEFAULT_COGNIGY_PORT),
      ...(env.BOT_SIMS_COGNIGY_URL_TOKEN
        ? { urlTokens: [env.BOT_SIMS_COGNIGY_URL_TOKEN] }
        : { urlTokens: fromFile.cognigy.urlTokens ?? [DEFAULT_COGNIGY_URL_TOKEN] }),
    },
    kore: {
      ...kore,
      ...(env.BOT_SIMS_KORE_BOTKIT_CALLBACK_URL ? { botkit: { ...kore.botkit, callbackUrl: env.BOT_SIMS_KORE_BOTKIT_CALLBACK_URL } } : {}),
      host: env.BOT_SIMS_HOST ?? kore.host ?? host,
      port: env.BOT_SIMS_PORT_KORE ? parsePort('BOT_SIMS_PORT_KORE', env.BOT_SIMS_PORT_KORE) : (kore.port ?? DEFAULT_KORE_PORT),
      bots:
        overridesBot || !kore.bots
          ? [
              {
                botId: env.BOT_SIMS_KORE_BOT_ID || DEFAULT_KORE_BOT.botId,
                name: DEFAULT_KORE_BOT.name,
                clientId: env.BOT_SIMS_KORE_CLIENT_ID || DEFAULT_KORE_BOT.clientId,
                clientSecret: env.BOT_SIMS_KORE_CLIENT_SECRET || DEFAULT_KORE_BOT.clientSecret,
              },
            ]
          : kore.bots,
    },
  };
}

function parseConfigFile(path: string, text: string): BotSimsConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`BOT_SIMS_CONFIG ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`BOT_SIMS_CONFIG ${path} must hold a JSON object`);
  const { cognigy = {}, kore = {} } = parsed as Partial<BotSimsConfig>;
  return { cognigy, kore };
}

function parsePort(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number, got ${value}`);
  return port;
}
