import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED, redactionPaths } from './redaction';

function capture(): { logger: pino.Logger; output: () => string } {
  let output = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  return { logger: pino({ redact: { paths: redactionPaths(), censor: REDACTED } }, stream), output: () => output };
}

describe('log redaction', () => {
  const secret = 'do-not-log-me-0123456789';

  it('hides secret fields at any depth up to four levels and auth headers of requests and responses', () => {
    const { logger, output } = capture();
    logger.info({ clientSecret: secret, connection: { webhookSecret: secret, genesys: { accessToken: secret, nested: { apiKey: secret } } } }, 'connection');
    logger.info({ req: { headers: { authorization: `Bearer ${secret}`, 'x-hub-signature-256': `sha256=${secret}`, 'verify-token': secret, cookie: secret } } });
    logger.info({ res: { headers: { 'set-cookie': secret } } });
    logger.info({ env: { SECRETS_KEYS: secret, DATABASE_URL: `postgres://u:${secret}@db/x` } });
    expect(output()).not.toContain(secret);
    expect(output().match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(11);
  });

  it('keeps ordinary fields readable', () => {
    const { logger, output } = capture();
    logger.info({ connectionId: 'c-1', queueName: 'Sales' }, 'routing');
    expect(JSON.parse(output())).toMatchObject({ connectionId: 'c-1', queueName: 'Sales', msg: 'routing' });
  });
});
