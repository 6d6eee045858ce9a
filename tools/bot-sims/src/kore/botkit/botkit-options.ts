import { validateFaults, type SimFault } from '../../shared/sim-faults';
import { assertOneOf, isPlainObject } from '../../shared/sim-options';

export const BOTKIT_TOKEN_ALGORITHMS = ['HS256', 'HS512'] as const;

/**
 * How Kore authenticates its callbacks to the BotKit URL (bot-platforms.md §B4, `APIKeyMiddleware`):
 * - `token`: header `token: <JWT {appId, iat}>` signed with the app secret (the real behaviour);
 * - `apikey`: the deprecated `apikey: <secret>` header;
 * - `none`: no auth header;
 * - `bad-signature`: a token signed with another secret;
 * - `expired`: a token whose `exp` has passed;
 * - `wrong-app-id`: a correctly signed token for another `appId`.
 */
export const BOTKIT_CALLBACK_AUTH_MODES = ['token', 'apikey', 'none', 'bad-signature', 'expired', 'wrong-app-id'] as const;
export type BotkitCallbackAuth = (typeof BOTKIT_CALLBACK_AUTH_MODES)[number];

/** The SDK calls the gateway makes (bot-platforms.md §B4 "Us → Kore"); `extendcallid` is `sdk.extendRequestId`. */
export const BOTKIT_SDK_CALLS = ['sendUserMessage', 'sendBotMessage', 'startAgentSession', 'clearAgentSession', 'extendcallid', 'getMessages'] as const;
export type BotkitSdkCall = (typeof BOTKIT_SDK_CALLS)[number];

/** A queued failure of an SDK endpoint (consumed in order, like `genesys-sim` faults but explicit). */
export type BotkitFault = SimFault<BotkitSdkCall>;

/** Kore's side of the "Custom (BotKit)" agent transfer. */
export interface KoreBotkitOptions {
  /**
   * The Callback URL registered for the bot (our gateway's BotKit base, e.g. `http://127.0.0.1:3001/kore/<connectionId>`);
   * Kore posts to `{callbackUrl}/sdk/bots/{botId}/{event}`. null = not registered (callbacks throw). A bot's own
   * `botkitCallbackUrl` wins.
   */
  callbackUrl: string | null;
  /**
   * The app's JWT algorithm (BotKit's `jwt.jwtAlgorithm`): callback tokens are signed with it and SDK `auth` tokens
   * must use it (INFERENCE: the platform checks the algorithm configured for the app; RS* is not allowed for BotKit, §B1).
   */
  tokenAlgorithm: (typeof BOTKIT_TOKEN_ALGORITHMS)[number];
  /** Agent mode is reset after this long without activity (15 min, §B4), whatever `extendcallid` does. */
  agentSessionIdleMs: number;
  callbackAuth: BotkitCallbackAuth;
  /** The simulator gives up on a callback after this long (Kore's own timeout is UNCONFIRMED). */
  callbackTimeoutMs: number;
}

export function defaultBotkitOptions(): KoreBotkitOptions {
  return { callbackUrl: null, tokenAlgorithm: 'HS256', agentSessionIdleMs: 15 * 60_000, callbackAuth: 'token', callbackTimeoutMs: 10_000 };
}

/** Checks a (partial) `botkit` option object. Throws Error. */
export function validateBotkitOptions(value: unknown): void {
  if (!isPlainObject(value)) throw new Error('botkit must be an object');
  const { callbackUrl, tokenAlgorithm, agentSessionIdleMs, callbackAuth, callbackTimeoutMs } = value;
  if (callbackUrl !== undefined && callbackUrl !== null) validateCallbackUrl(callbackUrl, 'botkit.callbackUrl');
  if (tokenAlgorithm !== undefined) assertOneOf(tokenAlgorithm, BOTKIT_TOKEN_ALGORITHMS, 'botkit.tokenAlgorithm');
  if (callbackAuth !== undefined) assertOneOf(callbackAuth, BOTKIT_CALLBACK_AUTH_MODES, 'botkit.callbackAuth');
  for (const [name, number] of [['agentSessionIdleMs', agentSessionIdleMs], ['callbackTimeoutMs', callbackTimeoutMs]] as const) {
    if (number !== undefined && (typeof number !== 'number' || !(number > 0))) throw new Error(`botkit.${name} must be a positive number`);
  }
}

export function validateBotkitFaults(value: unknown): void {
  validateFaults(value, BOTKIT_SDK_CALLS, 'botkitFaults');
}

export function validateCallbackUrl(value: unknown, path: string): void {
  if (typeof value !== 'string' || !/^https?:\/\/[^/]/.test(value)) throw new Error(`${path} must be an http(s) URL`);
}
