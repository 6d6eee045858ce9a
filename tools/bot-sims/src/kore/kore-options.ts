import { assertOneOf, type DeepPartial } from '../shared/sim-options';
import { defaultBotkitOptions, validateBotkitFaults, validateBotkitOptions, validateCallbackUrl, type BotkitFault, type KoreBotkitOptions } from './botkit/botkit-options';
import { defaultKoreScript } from './kore-default-script';
import type { KoreScript } from './kore-script';

/** A bot with its webhook channel app (the JWT `appId` and signing secret). */
export interface KoreBot {
  /** `st-<uuid>`, the `{botId}` of the webhook URL and the poll `{streamId}`. */
  botId: string;
  name: string;
  /** `cs-…`: must be the JWT's `appId` claim. */
  clientId: string;
  clientSecret: string;
  /** This bot's BotKit Callback URL (overrides `botkit.callbackUrl`). */
  botkitCallbackUrl?: string;
}

export const TEMPLATE_ENCODINGS = ['string', 'object'] as const;
export const TEMPLATE_ITEM_TYPES = ['text', 'template'] as const;
export const SYNC_AGENT_TRANSFER_MODES = ['allow', 'drop', 'error'] as const;
export const AGENT_TRANSFER_SIGNALS = ['data-item', 'end-of-task'] as const;
export const POLL_AUTH_MODES = ['required', 'none'] as const;
export const JWT_ALGORITHMS = ['HS256', 'HS512'] as const;

export interface KoreSimOptions {
  host: string;
  port: number;
  bots: KoreBot[];
  /** Accepted JWT algorithms (bot-platforms.md §B1: HS256/HS512). */
  jwtAlgorithms: (typeof JWT_ALGORITHMS)[number][];
  /** Default encoding of template `val`s (a rule or output may override). */
  templateEncoding: (typeof TEMPLATE_ENCODINGS)[number];
  /** UNCONFIRMED `data[i].type` of template items: `text` or `template`. */
  templateItemType: (typeof TEMPLATE_ITEM_TYPES)[number];
  /** "Enable Polling for Webhook v2" (on by default). Off: a slow backend makes the sync answer wait instead. */
  polling: boolean;
  /** UNCONFIRMED: whether the poll GET needs the same `Authorization: bearer <JWT>`. */
  pollAuth: (typeof POLL_AUTH_MODES)[number];
  /** Sync-mode platform timeout (15 s): a turn slower than this answers 504. null = none. Hangs ignore it. */
  syncTimeoutMs: number | null;
  /**
   * "Agent Transfer is not supported in sync mode": `allow` emits our handover signal, `drop` silently removes it
   * (the rest of the turn is delivered), `error` answers 400.
   */
  syncAgentTransfer: (typeof SYNC_AGENT_TRANSFER_MODES)[number];
  /** Default handover convention of `agentTransfer` outputs. */
  agentTransferSignal: AgentTransferSignalOption;
  /** `completedTaskName` of the `end-of-task` convention. */
  agentTransferTaskName: string;
  /** Kore's side of the "Custom (BotKit)" agent transfer (bot-platforms.md §B4, §B5). */
  botkit: KoreBotkitOptions;
  /** Queued failures of the BotKit SDK endpoints, consumed in order. */
  botkitFaults: BotkitFault[];
  maxRequestBytes: number;
  script: KoreScript;
}

type AgentTransferSignalOption = (typeof AGENT_TRANSFER_SIGNALS)[number];

export type KoreSimOptionsInput = DeepPartial<Omit<KoreSimOptions, 'script'>> & { script?: KoreScript };

export const DEFAULT_KORE_BOT: KoreBot = {
  botId: 'st-6f3c2d1a-8b4e-5c7d-9e0f-1a2b3c4d5e6f',
  name: 'Kore simulator bot',
  clientId: 'cs-0b6e5a3c-4d2f-5e1a-8c9b-7d6e5f4a3b2c',
  clientSecret: 'sim-kore-client-secret',
};

export function defaultKoreSimOptions(): KoreSimOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    bots: [{ ...DEFAULT_KORE_BOT }],
    jwtAlgorithms: ['HS256', 'HS512'],
    templateEncoding: 'string',
    templateItemType: 'text',
    polling: true,
    pollAuth: 'required',
    syncTimeoutMs: 15_000,
    syncAgentTransfer: 'allow',
    agentTransferSignal: 'data-item',
    agentTransferTaskName: 'Agent Transfer',
    botkit: defaultBotkitOptions(),
    botkitFaults: [],
    maxRequestBytes: 1_048_576,
    script: defaultKoreScript(),
  };
}

/** Checks option values (except the script). Throws Error. */
export function validateKoreOptions(options: Partial<Record<keyof KoreSimOptions, unknown>>): void {
  if (options.templateEncoding !== undefined) assertOneOf(options.templateEncoding, TEMPLATE_ENCODINGS, 'templateEncoding');
  if (options.templateItemType !== undefined) assertOneOf(options.templateItemType, TEMPLATE_ITEM_TYPES, 'templateItemType');
  if (options.syncAgentTransfer !== undefined) assertOneOf(options.syncAgentTransfer, SYNC_AGENT_TRANSFER_MODES, 'syncAgentTransfer');
  if (options.agentTransferSignal !== undefined) assertOneOf(options.agentTransferSignal, AGENT_TRANSFER_SIGNALS, 'agentTransferSignal');
  if (options.pollAuth !== undefined) assertOneOf(options.pollAuth, POLL_AUTH_MODES, 'pollAuth');
  if (options.polling !== undefined && typeof options.polling !== 'boolean') throw new Error('polling must be a boolean');
  if (options.agentTransferTaskName !== undefined && (typeof options.agentTransferTaskName !== 'string' || !options.agentTransferTaskName)) {
    throw new Error('agentTransferTaskName must be a non-empty string');
  }
  const timeout = options.syncTimeoutMs;
  if (timeout !== undefined && timeout !== null && (typeof timeout !== 'number' || timeout <= 0)) throw new Error('syncTimeoutMs must be a positive number or null');
  if (options.jwtAlgorithms !== undefined) {
    const algorithms = options.jwtAlgorithms;
    if (!Array.isArray(algorithms) || algorithms.length === 0) throw new Error('jwtAlgorithms must be a non-empty array');
    algorithms.forEach((algorithm, index) => assertOneOf(algorithm, JWT_ALGORITHMS, `jwtAlgorithms[${index}]`));
  }
  if (options.botkit !== undefined) validateBotkitOptions(options.botkit);
  if (options.botkitFaults !== undefined) validateBotkitFaults(options.botkitFaults);
  if (options.bots !== undefined) {
    if (!Array.isArray(options.bots)) throw new Error('bots must be an array');
    options.bots.forEach((bot: unknown, index) => validateBot(bot, `bots[${index}]`));
  }
}

export function validateBot(bot: unknown, path = 'bot'): asserts bot is KoreBot {
  const candidate = bot as Partial<KoreBot> | null;
  for (const key of ['botId', 'clientId', 'clientSecret'] as const) {
    if (typeof candidate?.[key] !== 'string' || candidate[key] === '') throw new Error(`${path}.${key} must be a non-empty string`);
  }
  if (candidate?.botId?.includes('/')) throw new Error(`${path}.botId must not contain "/"`);
  if (candidate?.botkitCallbackUrl !== undefined) validateCallbackUrl(candidate.botkitCallbackUrl, `${path}.botkitCallbackUrl`);
}
