import { generateKeyringEntry } from '@genesys-bridge/secrets';
import { createTestDatabase, freePort, type PrivateRedis, type RunningProcess, startPrivateRedis, startProcess, type TestDatabase, waitForHttpStatus } from '@genesys-bridge/testing';

/**
 * Every app as real processes: HTTP and worker entrypoints from dist/, a real Redis and a SQLite
 * file, over real HTTP. Covers readiness, start-up failures and what reaches the logs.
 */
const APPS = ['bot-connector', 'handover-gateway', 'metadata-service'] as const;

interface HealthBody {
  status: 'ok' | 'error';
  info: Record<string, { status: string }>;
  error: Record<string, { status: string; message?: string }>;
}

async function getJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}
const KEYS = generateKeyringEntry('k1');

async function migrate(env: Record<string, string | undefined>): Promise<string> {
  const migration = startProcess('dist/apps/metadata-service/src/migrate.js', env);
  expect(await migration.exited).toBe(0);
  return migration.output();
}

describe.each(APPS)('%s processes', (app) => {
  let redis: PrivateRedis;
  let database: TestDatabase;
  let baseEnv: Record<string, string | undefined>;
  const running: RunningProcess[] = [];
  const start = (entry: 'main' | 'worker', env: Record<string, string | undefined> = {}) => {
    const child = startProcess(`dist/apps/${app}/src/${entry}.js`, { ...baseEnv, ...env });
    running.push(child);
    return child;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    database = await createTestDatabase('better-sqlite3');
    baseEnv = { REDIS_URL: redis.url, SQLITE_PATH: database.settings.SQLITE_PATH, SECRETS_KEYS: KEYS, HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '5000' };
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((child) => child.stop('SIGKILL')));
  });

  afterAll(async () => {
    await redis?.stop();
    await database?.drop();
  });

  it('is not ready before migrations, then ready on both processes once migrated; workers never migrate', async () => {
    const [port, workerPort] = [await freePort(), await freePort()];
    const http = start('main', { PORT: String(port) });
    const worker = start('worker', { WORKER_HTTP_PORT: String(workerPort) });
    await waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`, 503);
    await waitForHttpStatus(`http://127.0.0.1:${workerPort}/health/ready`, 503);
    const notReady = await getJson<HealthBody>(`http://127.0.0.1:${workerPort}/health/ready`);
    expect(notReady.error.migrations.message).toMatch(/pending migrations: InitialSchema1763700000000/);

    expect(await migrate(baseEnv)).toMatch(/applied InitialSchema1763700000000/);
    await waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    await waitForHttpStatus(`http://127.0.0.1:${workerPort}/health/ready`, 200);
    expect(http.output()).toContain(`${app} HTTP listening on http://127.0.0.1:${port}`);
    expect(worker.output()).toMatch(new RegExp(`${app} worker consuming \\[`));

    const metrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    expect(metrics).toContain(`genesys_bridge_process_cpu_user_seconds_total{service="${app}",role="worker"}`);
    const openApi = await getJson<{ paths: Record<string, unknown> }>(`http://127.0.0.1:${port}/docs/openapi.json`);
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });

  it('reports not ready while Redis is down and ready again when it is back', async () => {
    await migrate(baseEnv);
    const outage = await startPrivateRedis();
    const port = await freePort();
    start('main', { PORT: String(port), REDIS_URL: outage.url });
    await waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`, 200);

    await outage.stop();
    await waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`, 503);
    const body = await getJson<HealthBody>(`http://127.0.0.1:${port}/health/ready`);
    expect(body.error.redis.status).toBe('down');
    expect(body.info.database.status).toBe('up');
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
  });

  it.each(['main', 'worker'] as const)('%s fails fast with a clear message when Redis is down at start', async (entry) => {
    const closedPort = await freePort();
    const started = Date.now();
    const child = start(entry, { REDIS_URL: `redis://:hunter2pw@127.0.0.1:${closedPort}` });
    expect(await child.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(child.output()).toMatch(new RegExp(`Redis is not reachable at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED\\)`));
    expect(child.output()).toMatch(/REDIS_URL/);
    expect(child.output()).not.toContain('hunter2pw');
  });

  it.each(['main', 'worker'] as const)('%s refuses bad configuration, naming each variable and printing no value', async (entry) => {
    const badKeys = 'k1:c2hvcnQta2V5LW1hdGVyaWFs';
    const child = start(entry, { SECRETS_KEYS: badKeys, PORT: 'eighty', WORKER_HTTP_PORT: '70000', LOG_LEVEL: 'loud' });
    expect(await child.exited).toBe(1);
    const output = child.output();
    for (const variable of ['SECRETS_KEYS', 'PORT', 'WORKER_HTTP_PORT', 'LOG_LEVEL']) expect(output).toMatch(new RegExp(`- ${variable}: `));
    expect(output).not.toContain('c2hvcnQta2V5LW1hdGVyaWFs');
    expect(output).not.toContain('eighty');
  });

  it('refuses to start without the secrets keyring', async () => {
    const child = start('main', { SECRETS_KEYS: undefined });
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/- SECRETS_KEYS: must be keyId:base64Key/);
  });

  it('worker refuses an unknown WORKER_QUEUES entry', async () => {
    const child = start('worker', { WORKER_QUEUES: 'no-such-queue' });
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/WORKER_QUEUES: unknown queue\(s\) no-such-queue/);
  });

  it('keeps credentials out of the logs and echoes the correlation id', async () => {
    await migrate(baseEnv);
    const port = await freePort();
    const http = start('main', { PORT: String(port), LOG_LEVEL: 'trace' });
    await waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    const secret = 'S3cr3t-token-value-that-must-not-leak';
    const response = await fetch(`http://127.0.0.1:${port}/health/live?probe=1`, {
      headers: { authorization: `Bearer ${secret}`, 'x-hub-signature-256': `sha256=${secret}`, 'verify-token': secret, cookie: `session=${secret}`, 'inin-correlation-id': 'corr-e2e-1' },
    });
    expect(response.headers.get('inin-correlation-id')).toBe('corr-e2e-1');
    await fetch(`http://127.0.0.1:${port}/no-such-route`, { headers: { authorization: `Basic ${secret}` } });
    await http.stop('SIGTERM');
    expect(http.output()).toContain('"url":"/no-such-route"');
    expect(http.output()).toContain('[redacted]');
    expect(http.output()).not.toContain(secret);
    expect(http.output()).not.toContain(KEYS.split(':')[1]);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    await migrate(baseEnv);
    const workerPort = await freePort();
    const worker = start('worker', { WORKER_HTTP_PORT: String(workerPort) });
    await waitForHttpStatus(`http://127.0.0.1:${workerPort}/health/ready`, 200);
    const started = Date.now();
    worker.child.kill('SIGTERM');
    await worker.exited;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(worker.output()).not.toMatch(/still busy/);
  });
});
