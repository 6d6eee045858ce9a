import { sign, verify, type Algorithm } from 'jsonwebtoken';

/** BotKit allows HS256/HS512 only (bot-platforms.md §B1: RS256/512 are not for BotKit). */
export const BOTKIT_ALGORITHMS: readonly Algorithm[] = ['HS256', 'HS512'];
/** Lifetime of the `auth` JWT on our calls to Kore (BotKit's own SDK uses 60 s). */
export const BOTKIT_AUTH_TTL_SECONDS = 60;

export type BotKitTokenProblem = 'missing' | 'malformed' | 'signature' | 'expired' | 'app-id';

export class BotKitTokenError extends Error {
  override readonly name = 'BotKitTokenError';
  constructor(readonly problem: BotKitTokenProblem) {
    super(`BotKit token refused: ${problem}`);
  }
}

/**
 * Checks the `token` header Kore sends on BotKit callbacks (§B4): a JWT, HS256 or HS512, signed with the app's client
 * secret (the current or the previous one during a rotation), whose `appId` claim is the app's client id. Throws
 * `BotKitTokenError` naming the problem, never the token.
 */
export function verifyBotKitToken(token: string | undefined, expected: { clientId: string; clientSecrets: readonly string[] }): void {
  if (!token) throw new BotKitTokenError('missing');
  let lastProblem: BotKitTokenProblem = 'signature';
  for (const secret of expected.clientSecrets) {
    let claims: unknown;
    try {
      claims = verify(token, secret, { algorithms: [...BOTKIT_ALGORITHMS] });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TokenExpiredError') throw new BotKitTokenError('expired');
      // jsonwebtoken says 'jwt malformed' for a token without three parts, 'invalid token' for three undecodable ones.
      lastProblem = ['jwt malformed', 'invalid token'].includes((error as Error).message) ? 'malformed' : 'signature';
      continue;
    }
    if (typeof claims !== 'object' || claims === null || (claims as Record<string, unknown>)['appId'] !== expected.clientId) throw new BotKitTokenError('app-id');
    return;
  }
  throw new BotKitTokenError(lastProblem);
}

/** The `auth` header value of our calls to Kore's BotKit SDK API: HS256 over `{appId, exp: now + 60 s}`. */
export function signBotKitAuth(clientId: string, clientSecret: string, algorithm: 'HS256' | 'HS512' = 'HS256'): string {
  return sign({ appId: clientId }, clientSecret, { algorithm, expiresIn: BOTKIT_AUTH_TTL_SECONDS });
}
