import jwt from 'jsonwebtoken';
import { signKoreJwt, type JwtCheck, type KoreJwtAlgorithm, type KoreJwtClaims } from '../kore-jwt';
import type { KoreBot } from '../kore-options';
import type { BotkitCallbackAuth } from './botkit-options';

type BotApp = Pick<KoreBot, 'clientId' | 'clientSecret'>;

/**
 * The auth header of a Kore → BotKit callback (bot-platforms.md §B4): `token: <JWT {appId, iat}>` signed with the
 * app secret, or one of the broken variants tests ask for (see `BOTKIT_CALLBACK_AUTH_MODES`).
 */
export function callbackAuthHeaders(app: BotApp, mode: BotkitCallbackAuth, algorithm: KoreJwtAlgorithm): Record<string, string> {
  const sign = (claims: KoreJwtClaims, signer: BotApp = app): string => signKoreJwt(signer, { sub: undefined, ...claims }, { algorithm });
  switch (mode) {
    case 'token':
      return { token: sign({}) };
    case 'apikey':
      return { apikey: app.clientSecret };
    case 'none':
      return {};
    case 'bad-signature':
      return { token: sign({}, { clientId: app.clientId, clientSecret: `${app.clientSecret}-not` }) };
    case 'expired':
      return { token: sign({ iat: nowSeconds() - 3_600, exp: nowSeconds() - 1_800 }) };
    case 'wrong-app-id':
      return { token: sign({ appId: `${app.clientId}-other` }) };
  }
}

/**
 * A token as BotKit signs its SDK calls (`invokePlatformAPIs.getSignedJWTToken`): `{appId, exp: now + 60 s}` with
 * the app secret. Claims override (e.g. a wrong `appId`, no `exp`), for tests of the SDK endpoints' auth.
 */
export function signBotkitSdkToken(
  app: BotApp,
  claims: KoreJwtClaims = {},
  { algorithm = 'HS256', expiresInSeconds = 60 }: { algorithm?: KoreJwtAlgorithm; expiresInSeconds?: number | null } = {},
): string {
  const exp = expiresInSeconds === null ? undefined : nowSeconds() + expiresInSeconds;
  return signKoreJwt(app, { sub: undefined, exp, ...claims }, { algorithm });
}

/**
 * Checks the `auth` header of an SDK call: the bare JWT (no `bearer`, as BotKit sends it) signed with the bot's app
 * secret using the app's algorithm, whose claims hold `appId` = the clientId and an `exp` still in the future
 * (BotKit always sends one, possibly fractional: `Date.now()/1000 + 60`).
 */
export function verifyBotkitSdkAuth(header: string | string[] | undefined, bot: KoreBot, algorithm: KoreJwtAlgorithm): JwtCheck {
  if (typeof header !== 'string' || header === '') return { ok: false, reason: 'no auth header' };
  let claims: Record<string, unknown>;
  try {
    const decoded = jwt.verify(header, bot.clientSecret, { algorithms: [algorithm] });
    if (typeof decoded === 'string') return { ok: false, reason: 'the JWT payload is not a JSON object' };
    claims = decoded as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `JWT rejected: ${(error as Error).message}` };
  }
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'the JWT has no exp claim' };
  if (claims.appId !== bot.clientId) return { ok: false, reason: `appId ${String(claims.appId)} is not the client id of bot ${bot.botId}` };
  return { ok: true, claims };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
