import { randomBytes, randomUUID } from 'node:crypto';

export const newUuid = (): string => randomUUID();

/** Genesys message ids are 32 lowercase hex characters (e.g. `c327c2078ca056db130c55ce648d9fa2`). */
export const newMessageId = (): string => randomBytes(16).toString('hex');

/** Opaque bearer token, similar in length to a Genesys access token. */
export const newAccessTokenValue = (): string => randomBytes(48).toString('base64url');
