import { signWebhookBody } from './webhook-signer';

describe('signWebhookBody', () => {
  // Independent vector: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
  // = f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8 (hex).
  const vectorHex = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8';

  it('is sha256= + base64 of the HMAC over the raw bytes', () => {
    const signature = signWebhookBody(Buffer.from('The quick brown fox jumps over the lazy dog'), 'key');
    expect(signature).toBe(`sha256=${Buffer.from(vectorHex, 'hex').toString('base64')}`);
    expect(signature).not.toContain(vectorHex);
  });

  it('signs bytes, so a re-serialised body of the same JSON gets a different signature', () => {
    const compact = signWebhookBody(Buffer.from('{"a":1}'), 'a-secret-longer-than-15');
    const spaced = signWebhookBody(Buffer.from('{"a": 1}'), 'a-secret-longer-than-15');
    expect(compact).not.toBe(spaced);
  });

  it('uses the configured prefix', () => {
    expect(signWebhookBody(Buffer.from('x'), 'k', '')).not.toMatch(/^sha256=/);
  });
});
