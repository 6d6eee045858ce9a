import { generateKeyPairSync } from 'node:crypto';
import { decode, sign } from 'jsonwebtoken';
import { BOTKIT_AUTH_TTL_SECONDS, BotKitTokenError, type BotKitTokenProblem, signBotKitAuth, verifyBotKitToken } from './botkit-token';

const CLIENT_ID = 'cs-0f4b1c2d-aaaa-bbbb-cccc-000000000001';
const SECRET = 'botkit-secret-CURRENT-0001';
const PREVIOUS = 'botkit-secret-PREVIOUS-0002';
const expected = { clientId: CLIENT_ID, clientSecrets: [SECRET] };

/** The problem `verifyBotKitToken` names, or undefined when it accepts the token. */
function problemOf(token: string | undefined, options: { clientId: string; clientSecrets: readonly string[] } = expected): BotKitTokenProblem | undefined {
  try {
    verifyBotKitToken(token, options);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BotKitTokenError);
    return (error as BotKitTokenError).problem;
  }
}

describe('verifyBotKitToken', () => {
  it.each(['HS256', 'HS512'] as const)('accepts %s signed with the client secret, appId = the client id', (algorithm) => {
    const token = sign({ appId: CLIENT_ID, sub: 'kore' }, SECRET, { algorithm });
    expect(() => verifyBotKitToken(token, expected)).not.toThrow();
  });

  it('refuses RS256 (not for BotKit) and alg none, as a bad signature', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(problemOf(sign({ appId: CLIENT_ID }, privateKey, { algorithm: 'RS256' }))).toBe('signature');
    expect(problemOf(sign({ appId: CLIENT_ID }, null, { algorithm: 'none' }))).toBe('signature');
  });

  it('refuses HS384, which jsonwebtoken would otherwise accept with the same secret', () => {
    expect(problemOf(sign({ appId: CLIENT_ID }, SECRET, { algorithm: 'HS384' }))).toBe('signature');
  });

  it('refuses a token signed with another secret', () => {
    expect(problemOf(sign({ appId: CLIENT_ID }, 'some-other-secret', { algorithm: 'HS256' }))).toBe('signature');
  });

  it('accepts the previous secret during a rotation, and only while it is listed', () => {
    const token = sign({ appId: CLIENT_ID }, PREVIOUS, { algorithm: 'HS256' });
    expect(problemOf(token, { clientId: CLIENT_ID, clientSecrets: [SECRET, PREVIOUS] })).toBeUndefined();
    expect(problemOf(token, { clientId: CLIENT_ID, clientSecrets: [SECRET] })).toBe('signature');
  });

  it('says expired for an expired token with a good signature, also when signed with the previous secret', () => {
    const past = Math.floor(Date.now() / 1000) - 120;
    expect(problemOf(sign({ appId: CLIENT_ID, exp: past }, SECRET))).toBe('expired');
    expect(problemOf(sign({ appId: CLIENT_ID, exp: past }, PREVIOUS), { clientId: CLIENT_ID, clientSecrets: [SECRET, PREVIOUS] })).toBe('expired');
    // A wrong signature is reported as such even when the token has also expired: nothing unsigned is believed.
    expect(problemOf(sign({ appId: CLIENT_ID, exp: past }, 'some-other-secret'))).toBe('signature');
  });

  it('refuses a well-signed token for another app, or without appId', () => {
    expect(problemOf(sign({ appId: 'cs-another-app' }, SECRET))).toBe('app-id');
    expect(problemOf(sign({ sub: 'kore', clientId: CLIENT_ID }, SECRET))).toBe('app-id');
    expect(problemOf(sign('a string payload', SECRET))).toBe('app-id');
  });

  it('says missing without a token', () => {
    expect(problemOf(undefined)).toBe('missing');
    expect(problemOf('')).toBe('missing');
  });

  it.each(['garbage', 'a.b', 'x.y.z', 'Bearer abc.def.ghi'])('says malformed for %j', (token) => {
    expect(problemOf(token)).toBe('malformed');
  });

  it('never puts the token in the error', () => {
    const tokens = [
      sign({ appId: 'cs-another-app' }, SECRET),
      sign({ appId: CLIENT_ID }, 'some-other-secret'),
      sign({ appId: CLIENT_ID, exp: Math.floor(Date.now() / 1000) - 10 }, SECRET),
      'not-a-jwt-SECRET-looking-0003',
    ];
    for (const token of tokens) {
      let caught: unknown;
      try {
        verifyBotKitToken(token, expected);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BotKitTokenError);
      const error = caught as BotKitTokenError;
      expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain(token);
      expect(error.message).toBe(`BotKit token refused: ${error.problem}`);
    }
  });
});

describe('signBotKitAuth', () => {
  it('signs {appId, exp: now + 60 s} with HS256 by default, verifiable with the secret', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = signBotKitAuth(CLIENT_ID, SECRET);
    const after = Math.floor(Date.now() / 1000);
    const decoded = decode(token, { complete: true });
    const header = decoded?.header;
    const payload = decoded?.payload as { appId: string; exp: number };
    expect(header?.alg).toBe('HS256');
    expect(payload.appId).toBe(CLIENT_ID);
    expect(BOTKIT_AUTH_TTL_SECONDS).toBe(60);
    expect(payload.exp).toBeGreaterThanOrEqual(before + 60);
    expect(payload.exp).toBeLessThanOrEqual(after + 60);
    expect(() => verifyBotKitToken(token, expected)).not.toThrow();
    expect(problemOf(token, { clientId: CLIENT_ID, clientSecrets: ['another-secret'] })).toBe('signature');
  });

  it('signs with HS512 when asked', () => {
    const token = signBotKitAuth(CLIENT_ID, SECRET, 'HS512');
    expect(decode(token, { complete: true })?.header.alg).toBe('HS512');
    expect(() => verifyBotKitToken(token, expected)).not.toThrow();
  });
});
