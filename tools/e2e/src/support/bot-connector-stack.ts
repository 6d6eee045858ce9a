import type { DataSource } from 'typeorm';
import { BotConnectorRepository, ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, freePort, type RunningProcess, startProcess, TEST_REDIS_URL, type TestDatabase, uniqueQueuePrefix, waitForHttpStatus } from '@genesys-bridge/testing';

/** The bot-connector app as real processes (HTTP and worker) on a fresh SQLite database. */
export interface BotConnectorStack {
  url: string;
  dataSource: DataSource;
  connections: ConnectionRepository;
  connectors: BotConnectorRepository;
  env: Record<string, string>;
  http: RunningProcess;
  worker: RunningProcess;
  stop(): Promise<void>;
}

export async function startBotConnectorStack(extraEnv: Record<string, string> = {}): Promise<BotConnectorStack> {
  const database: TestDatabase = await createTestDatabase('better-sqlite3');
  const dataSource = await createDataSource(database.settings).initialize();
  await runMigrations(dataSource, () => undefined);
  const keys = generateKeyringEntry('k1');
  const cipher = new SecretCipher(parseKeyring(keys));
  const [port, workerPort] = [await freePort(), await freePort()];
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    SQLITE_PATH: database.settings.SQLITE_PATH,
    SECRETS_KEYS: keys,
    HOST: '127.0.0.1',
    PORT: String(port),
    WORKER_HTTP_PORT: String(workerPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...extraEnv,
  };
  const http = startProcess('dist/apps/bot-connector/src/main.js', env);
  const worker = startProcess('dist/apps/bot-connector/src/worker.js', env);
  await Promise.all([waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`), waitForHttpStatus(`http://127.0.0.1:${workerPort}/health/ready`)]);
  return {
    url: `http://127.0.0.1:${port}`,
    dataSource,
    connections: new ConnectionRepository(dataSource, cipher),
    connectors: new BotConnectorRepository(dataSource, cipher),
    env,
    http,
    worker,
    stop: async () => {
      await Promise.all([http.stop(), worker.stop()]);
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS count FROM ${table}`);
  return Number(count);
}
