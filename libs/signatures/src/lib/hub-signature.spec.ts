import { createHmac } from 'node:crypto';
import { signHubSignature, verifyHubSignature } from './hub-signature';
import { constantTimeEqual, matchesAnySecret } from './constant-time';

describe('Open Messaging hub signature', () => {
  const secret = 'a-secret-longer-than-15';
  const rawBody = Buffer.from('{"id":"m1","text":"héllo","channel":{"to":{"id":"u"}}}');

  it('is sha256= plus base64 (not hex) of an HMAC over the exact bytes', () => {
    const expected = createHmac('sha256', secret).update(rawBody).digest('base64');
    expect(signHubSignature(rawBody, secret)).toBe(`sha256=${expected}`);
    expect(signHubSignature(rawBody, secret)).not.toContain(createHmac('sha256', secret).update(rawBody).digest('hex'));
  });

  it('accepts the header with or without the prefix, for the current or the previous secret', () => {
    const header = signHubSignature(rawBody, secret);
    expect(verifyHubSignature(rawBody, header, [secret])).toBe(true);
    expect(verifyHubSignature(rawBody, header.slice('sha256='.length), [secret])).toBe(true);
    expect(verifyHubSignature(rawBody, header, ['new-secret-0123456789', secret])).toBe(true);
  });

  it('rejects re-serialised JSON, another secret, a missing header and garbage', () => {
    const header = signHubSignature(rawBody, secret);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(rawBody.toString()), null, 1));
    expect(verifyHubSignature(reserialised, header, [secret])).toBe(false);
    expect(verifyHubSignature(rawBody, header, ['another-secret-123456'])).toBe(false);
    expect(verifyHubSignature(rawBody, undefined, [secret])).toBe(false);
    expect(verifyHubSignature(rawBody, 'sha256=', [secret])).toBe(false);
    expect(verifyHubSignature(rawBody, header, [undefined, null])).toBe(false);
  });
});

describe('constant-time comparison', () => {
  it('matches only equal strings, whatever their lengths', () => {
    expect(constantTimeEqual('token', 'token')).toBe(true);
    expect(constantTimeEqual('token', 'tokem')).toBe(false);
    expect(constantTimeEqual('token', 'token-longer')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
    expect(matchesAnySecret('b', ['a', undefined, 'b'])).toBe(true);
    expect(matchesAnySecret('c', ['a', 'b'])).toBe(false);
  });
});
