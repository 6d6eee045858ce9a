import { validateFaults, type SimFault } from '../shared/sim-faults';
import { assertOneOf, type DeepPartial } from '../shared/sim-options';
import { defaultCognigyScript } from './cognigy-default-script';
import type { CognigyScript } from './cognigy-script';

export const COGNIGY_NESTINGS = ['_cognigy', '_data'] as const;
export const COGNIGY_ATTACHMENT_STYLES = ['data', '_attachment'] as const;
export const COGNIGY_FAULT_CALLS = ['notify', 'inject'] as const;

/** A queued failure of `POST /notify/{URLToken}` or `/inject/{URLToken}` (REST turns fail through script rules). */
export type CognigyFault = SimFault<(typeof COGNIGY_FAULT_CALLS)[number]>;

export interface CognigySimOptions {
  host: string;
  /** 0 = a free port. */
  port: number;
  /** Endpoint URL tokens served at `POST /{URLToken}`; any other token answers 404. */
  urlTokens: string[];
  /**
   * Where rich output sits (bot-platforms.md §A5 nesting caveat): `_cognigy` → `data._cognigy._default`
   * (Cognigy's own REST transformer), `_data` → `data._data._cognigy._default` (the documented say() example).
   */
  nesting: (typeof COGNIGY_NESTINGS)[number];
  /**
   * UNCONFIRMED (`_attachment` is not a documented `_default` type): `data` → `data.attachments:[{name,url,type:"file",caption}]`,
   * `_attachment` → `_default._attachment:{type:"attachment", attachments:[…]}`.
   */
  attachments: (typeof COGNIGY_ATTACHMENT_STYLES)[number];
  /** Separator of the concatenated top-level `text`. */
  textSeparator: string;
  /** Queued notify/inject failures, consumed in order (`times` counts down in the live options). */
  faults: CognigyFault[];
  maxRequestBytes: number;
  script: CognigyScript;
}

export type CognigySimOptionsInput = DeepPartial<Omit<CognigySimOptions, 'script'>> & { script?: CognigyScript };

export const DEFAULT_COGNIGY_URL_TOKEN = 'sim-cognigy-url-token';

export function defaultCognigySimOptions(): CognigySimOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    urlTokens: [DEFAULT_COGNIGY_URL_TOKEN],
    nesting: '_cognigy',
    attachments: 'data',
    textSeparator: ' ',
    faults: [],
    maxRequestBytes: 1_048_576,
    script: defaultCognigyScript(),
  };
}

/** Checks option values (except the script, which has its own validation). Throws Error. */
export function validateCognigyOptions(options: Partial<Record<keyof CognigySimOptions, unknown>>): void {
  if (options.nesting !== undefined) assertOneOf(options.nesting, COGNIGY_NESTINGS, 'nesting');
  if (options.attachments !== undefined) assertOneOf(options.attachments, COGNIGY_ATTACHMENT_STYLES, 'attachments');
  if (options.urlTokens !== undefined && (!Array.isArray(options.urlTokens) || !options.urlTokens.every((token) => typeof token === 'string' && token))) {
    throw new Error('urlTokens must be an array of non-empty strings');
  }
  if (options.textSeparator !== undefined && typeof options.textSeparator !== 'string') throw new Error('textSeparator must be a string');
  if (options.faults !== undefined) validateFaults(options.faults, COGNIGY_FAULT_CALLS, 'faults');
}
