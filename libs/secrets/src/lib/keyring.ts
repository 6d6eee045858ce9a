import { randomBytes } from 'node:crypto';

/** AES-256 keys by id; `activeKeyId` encrypts, every key decrypts (so keys can rotate). */
export interface Keyring {
  readonly activeKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

export class KeyringFormatError extends Error {
  override readonly name = 'KeyringFormatError';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses `keyId:base64Key[,keyId:base64Key…]` (the first key is the active one).
 * Error messages name the position and key id, never key material.
 */
export function parseKeyring(spec: string): Keyring {
  const entries = spec
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new KeyringFormatError('expected at least one key as keyId:base64-32-byte-key');
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    if (!KEY_ID.test(id)) {
      throw new KeyringFormatError(`key #${index + 1}: expected keyId:base64Key with a keyId of 1-32 letters, digits, _ or -`);
    }
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new KeyringFormatError(`key "${id}": must be 32 bytes encoded as base64 (got ${key.length} bytes)`);
    if (keys.has(id)) throw new KeyringFormatError(`key "${id}": duplicate key id`);
    keys.set(id, key);
  });
  return { activeKeyId: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

/** A new random keyring entry, e.g. for `npm start`'s first run or for rotation. */
export function generateKeyringEntry(keyId: string): string {
  if (!KEY_ID.test(keyId)) throw new KeyringFormatError(`invalid key id "${keyId}"`);
  return `${keyId}:${randomBytes(32).toString('base64')}`;
}
