import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyringEntry } from '@genesys-bridge/secrets';
import { EnvValidationError, loadEnv } from './load-env';
import { ServiceEnv } from './service.env';
import { isSensitiveVariable } from './sensitive';

const keys = generateKeyringEntry('k1');

function problemsOf(raw: Record<string, string>): string {
  try {
    loadEnv(ServiceEnv, raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadEnv(ServiceEnv)', () => {
  it('applies defaults, converts numbers and drops undeclared variables', () => {
    const env = loadEnv(ServiceEnv, { SECRETS_KEYS: keys, PORT: '4000', PATH: '/usr/bin', WORKER_QUEUES: '' });
    expect(env.PORT).toBe(4000);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.WORKER_QUEUES).toBeUndefined();
    expect(env).not.toHaveProperty('PATH');
  });

  it('names a missing required variable', () => {
    expect(problemsOf({})).toMatch(/SECRETS_KEYS: must be keyId:base64Key/);
  });

  it('names every bad variable and never prints a value', () => {
    const badRedis = 'http://user:hunter2-password@redis:6379';
    const badKeys = 'k1:dG9vLXNob3J0LWtleS1tYXRlcmlhbA==';
    const message = problemsOf({ SECRETS_KEYS: badKeys, REDIS_URL: badRedis, PORT: 'eighty', DATABASE_URL: 'mysql://x:pw@h/db' });
    expect(message).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\//);
    expect(message).toMatch(/SECRETS_KEYS: .*32 bytes/);
    for (const value of [badRedis, 'hunter2', badKeys.slice(3), 'eighty', 'mysql://x:pw@h/db']) expect(message).not.toContain(value);
  });

  it('reads NAME_FILE for secrets and refuses NAME and NAME_FILE together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, 'keys'), `${keys}\n`);
    expect(loadEnv(ServiceEnv, { SECRETS_KEYS_FILE: join(dir, 'keys') }).SECRETS_KEYS).toBe(keys);
    expect(problemsOf({ SECRETS_KEYS: keys, SECRETS_KEYS_FILE: join(dir, 'keys') })).toMatch(/set either SECRETS_KEYS or SECRETS_KEYS_FILE/);
    expect(problemsOf({ SECRETS_KEYS_FILE: join(dir, 'missing') })).toMatch(/SECRETS_KEYS_FILE: cannot read file .*missing \(ENOENT\)/);
    expect(loadEnv(ServiceEnv, { SECRETS_KEYS: keys, TF_CLI_CONFIG_FILE: join(dir, 'missing') })).not.toHaveProperty('TF_CLI_CONFIG');
  });

  it('marks secret-bearing variables as sensitive', () => {
    expect(['SECRETS_KEYS', 'DATABASE_URL', 'REDIS_URL'].every(isSensitiveVariable)).toBe(true);
    expect(isSensitiveVariable('PORT')).toBe(false);
  });
});
