import type { DataSource } from 'typeorm';
import { ApiKeyRepository, ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { createTestDatabase, freePort, type RunningProcess, startProcess, TEST_REDIS_URL, uniqueQueuePrefix, waitForHttpStatus } from '@genesys-bridge/testing';

interface AppProcesses {
  url: string;
  workerUrl: string;
}

/**
 * handover-gateway and metadata-service, HTTP and worker each, on one migrated SQLite file and one Redis prefix: what
 * the handover gateway stores and caches is what the metadata service reads (as in a deployment).
 */
export interface QueueResolutionStack {
  handoverGateway: AppProcesses;
  metadataService: AppProcesses;
  dataSource: DataSource;
  connections: ConnectionRepository;
  apiKeys: ApiKeyRepository;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startQueueResolutionStack(extraEnv: Record<string, string>): Promise<QueueResolutionStack> {
  const database = await createTestDatabase('better-sqlite3');
  const dataSource = await createDataSource(database.settings).initialize();
  await runMigrations(dataSource, () => undefined);
  const keys = generateKeyringEntry('k1');
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    SQLITE_PATH: database.settings.SQLITE_PATH,
    SECRETS_KEYS: keys,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const processes: RunningProcess[] = [];
  const start = async (app: 'handover-gateway' | 'metadata-service'): Promise<AppProcesses> => {
    const [port, workerPort] = [await freePort(), await freePort()];
    const appEnv = { ...env, PORT: String(port), WORKER_HTTP_PORT: String(workerPort) };
    processes.push(startProcess(`dist/apps/${app}/src/main.js`, appEnv), startProcess(`dist/apps/${app}/src/worker.js`, appEnv));
    const urls = { url: `http://127.0.0.1:${port}`, workerUrl: `http://127.0.0.1:${workerPort}` };
    await Promise.all([waitForHttpStatus(`${urls.url}/health/ready`), waitForHttpStatus(`${urls.workerUrl}/health/ready`)]);
    return urls;
  };
  const stop = async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await dataSource.destroy();
    await database.drop();
  };
  try {
    const [handoverGateway, metadataService] = await Promise.all([start('handover-gateway'), start('metadata-service')]);
    return {
      handoverGateway,
      metadataService,
      dataSource,
      connections: new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(keys))),
      apiKeys: new ApiKeyRepository(dataSource),
      env,
      stop,
    };
  } catch (error) {
    const output = processes.map((child) => child.output()).join('\n');
    await Promise.all(processes.map((child) => child.stop('SIGKILL')));
    await dataSource.destroy();
    await database.drop();
    throw new Error(`the queue resolution stack did not become ready: ${(error as Error).message}\n${output}`);
  }
}

/** The value of one sample of a Prometheus text exposition, or 0 when absent. */
export async function metricValue(url: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
