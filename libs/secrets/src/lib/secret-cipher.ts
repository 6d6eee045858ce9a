import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

const FORMAT = 'gbs1';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;

export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

/**
 * AES-256-GCM encryption of secrets at rest. A sealed value is `gbs1.<keyId>.<nonce>.<tag>.<ciphertext>`
 * (base64url parts), with a fresh random 96-bit nonce per value. `context` is bound as additional
 * authenticated data (e.g. `connection:<id>:genesysClientSecret`), so a ciphertext copied to another
 * row or field does not decrypt.
 */
export class SecretCipher {
  constructor(private readonly keyring: Keyring) {}

  encrypt(plaintext: string, context: string): string {
    const keyId = this.keyring.activeKeyId;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(keyId), nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, keyId, nonce, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string, context: string): string {
    const [format, keyId, nonce, tag, ciphertext] = sealed.split('.');
    if (format !== FORMAT || ciphertext === undefined) throw new SecretDecryptionError('not a sealed secret');
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key(keyId), Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      if (error instanceof SecretDecryptionError) throw error;
      throw new SecretDecryptionError(`secret for ${context} could not be decrypted (wrong key, context or tampered value)`);
    }
  }

  /** True when the value was sealed with a key other than the active one. */
  needsReencryption(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keyring.activeKeyId;
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${FORMAT}.`) && value.split('.').length === 5;
  }

  private key(keyId: string): Buffer {
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new SecretDecryptionError(`key "${keyId}" is not in the keyring (was it removed before re-encryption?)`);
    return key;
  }
}
