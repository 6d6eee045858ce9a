import type { DataSource } from 'typeorm';
import { BotConnectorRepository, ConnectionRepository, createDataSource, MessageRepository, runMigrations } from '@genesys-bridge/persistence';
import type { AppName } from '@genesys-bridge/queue-contracts';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, freePort, type RunningProcess, startProcess, TEST_REDIS_URL, type TestDatabase, uniqueQueuePrefix, waitForHttpStatus } from '@genesys-bridge/testing';

/** An app as real processes (HTTP, and the worker unless left out) on a fresh, migrated SQLite database. */
export interface AppStack {
  url: string;
  dataSource: DataSource;
  connections: ConnectionRepository;
  connectors: BotConnectorRepository;
  messages: MessageRepository;
  env: Record<string, string>;
  http: RunningProcess;
  worker: RunningProcess | null;
  stop(): Promise<void>;
}

export interface AppStackOptions {
  /** Start the worker process too (default true). */
  worker?: boolean;
}

export async function startAppStack(app: AppName, extraEnv: Record<string, string> = {}, { worker: withWorker = true }: AppStackOptions = {}): Promise<AppStack> {
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
  const http = startProcess(`dist/apps/${app}/src/main.js`, env);
  const worker = withWorker ? startProcess(`dist/apps/${app}/src/worker.js`, env) : null;
  try {
    await Promise.all([
      waitForHttpStatus(`http://127.0.0.1:${port}/health/ready`),
      ...(worker ? [waitForHttpStatus(`http://127.0.0.1:${workerPort}/health/ready`)] : []),
    ]);
  } catch (error) {
    await Promise.all([http.stop('SIGKILL'), worker?.stop('SIGKILL')]);
    await dataSource.destroy();
    await database.drop();
    throw new Error(`${app} did not become ready: ${(error as Error).message}\n${http.output()}${worker?.output() ?? ''}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dataSource,
    connections: new ConnectionRepository(dataSource, cipher),
    connectors: new BotConnectorRepository(dataSource, cipher),
    messages: new MessageRepository(dataSource),
    env,
    http,
    worker,
    stop: async () => {
      await Promise.all([http.stop(), worker?.stop()]);
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS count FROM ${table}`);
  return Number(count);
}
