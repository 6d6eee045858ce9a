import jwt from 'jsonwebtoken';
import type { KoreBot } from './kore-options';

export type KoreJwtAlgorithm = 'HS256' | 'HS512';

export interface KoreJwtClaims {
  /** Any user/app string (bot-platforms.md §B1). */
  sub?: string;
  /** Webhook v2 with identity: must equal the request's `from.id`. */
  userIdentity?: string;
  [claim: string]: unknown;
}

/**
 * The webhook/API JWT: HS256 (or HS512) over `{sub, appId:<clientId>}` signed with the app's client secret.
 * Claims override the defaults, so tests can sign a wrong `appId` on purpose; an `undefined` claim is left out
 * (BotKit tokens carry no `sub`).
 */
export function signKoreJwt(
  app: Pick<KoreBot, 'clientId' | 'clientSecret'>,
  claims: KoreJwtClaims = {},
  { algorithm = 'HS256', expiresInSeconds }: { algorithm?: KoreJwtAlgorithm; expiresInSeconds?: number } = {},
): string {
  const payload = Object.fromEntries(Object.entries({ sub: 'sim-user', appId: app.clientId, ...claims }).filter(([, value]) => value !== undefined));
  return jwt.sign(payload, app.clientSecret, {
    algorithm,
    ...(expiresInSeconds !== undefined ? { expiresIn: expiresInSeconds } : {}),
  });
}

export type JwtCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/** Checks `Authorization: bearer <JWT>` for a bot's app; `fromId` enables the `userIdentity` check. */
export function verifyKoreJwt(
  authorization: string | undefined,
  bot: KoreBot,
  algorithms: KoreJwtAlgorithm[],
  fromId?: string,
): JwtCheck {
  const found = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!found) return { ok: false, reason: authorization ? 'Authorization is not "bearer <JWT>"' : 'no Authorization header' };
  let claims: Record<string, unknown>;
  try {
    const decoded = jwt.verify(found[1], bot.clientSecret, { algorithms });
    if (typeof decoded === 'string') return { ok: false, reason: 'the JWT payload is not a JSON object' };
    claims = decoded as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `JWT rejected: ${(error as Error).message}` };
  }
  if (claims.appId !== bot.clientId) return { ok: false, reason: `appId ${String(claims.appId)} is not the client id of bot ${bot.botId}` };
  if (claims.userIdentity !== undefined && fromId !== undefined && claims.userIdentity !== fromId) {
    return { ok: false, reason: `userIdentity ${String(claims.userIdentity)} does not match from.id ${fromId}` };
  }
  return { ok: true, claims };
}
