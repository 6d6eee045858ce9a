import { generateKeyringEntry, parseKeyring } from './keyring';
import { SecretCipher, SecretDecryptionError } from './secret-cipher';

describe('SecretCipher', () => {
  const oldEntry = generateKeyringEntry('k1');
  const newEntry = generateKeyringEntry('k2');
  const cipher = new SecretCipher(parseKeyring(oldEntry));

  it('round-trips and never contains the plaintext', () => {
    const sealed = cipher.encrypt('client-secret-value', 'connection:c1:genesysClientSecret');
    expect(sealed).not.toContain('client-secret-value');
    expect(SecretCipher.isSealed(sealed)).toBe(true);
    expect(cipher.decrypt(sealed, 'connection:c1:genesysClientSecret')).toBe('client-secret-value');
  });

  it('uses a fresh nonce for every value', () => {
    expect(cipher.encrypt('same', 'ctx')).not.toBe(cipher.encrypt('same', 'ctx'));
  });

  it('refuses another context, a tampered ciphertext and an unknown key', () => {
    const sealed = cipher.encrypt('secret', 'connection:c1:webhookSecret');
    expect(() => cipher.decrypt(sealed, 'connection:c2:webhookSecret')).toThrow(SecretDecryptionError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'connection:c1:webhookSecret')).toThrow(SecretDecryptionError);
    expect(() => new SecretCipher(parseKeyring(newEntry)).decrypt(sealed, 'connection:c1:webhookSecret')).toThrow(/k1/);
    expect(() => cipher.decrypt('plain-text', 'x')).toThrow(SecretDecryptionError);
  });

  it('rotates: the new active key encrypts, the old key still decrypts', () => {
    const sealedWithOld = cipher.encrypt('secret', 'ctx');
    const rotated = new SecretCipher(parseKeyring(`${newEntry},${oldEntry}`));
    expect(rotated.needsReencryption(sealedWithOld)).toBe(true);
    expect(rotated.decrypt(sealedWithOld, 'ctx')).toBe('secret');
    const resealed = rotated.encrypt('secret', 'ctx');
    expect(resealed.split('.')[1]).toBe('k2');
    expect(rotated.needsReencryption(resealed)).toBe(false);
  });
});

describe('parseKeyring', () => {
  it('takes the first key as active', () => {
    const keyring = parseKeyring(`${generateKeyringEntry('a')}, ${generateKeyringEntry('b')}`);
    expect(keyring.activeKeyId).toBe('a');
    expect([...keyring.keys.keys()]).toEqual(['a', 'b']);
  });

  it.each([
    ['', /at least one key/],
    ['nokeyid', /keyId/],
    ['k1:c2hvcnQ=', /32 bytes/],
    [`${generateKeyringEntry('k1')},${generateKeyringEntry('k1')}`, /duplicate/],
  ])('rejects %j without echoing key material', (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
    try {
      parseKeyring(spec);
    } catch (error) {
      const material = spec.split(':')[1]?.split(',')[0];
      if (material && material.length > 8) expect((error as Error).message).not.toContain(material);
    }
  });
});
