import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { createGenesysSim, type GenesysSim, type InboundMessageRecord } from '@genesys-bridge/genesys-sim';
import { ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import {
  createTestDatabase,
  freePort,
  type LoopbackRequest,
  type LoopbackServer,
  type PrivateRedis,
  type RunningProcess,
  startLoopbackServer,
  startPrivateRedis,
  startProcess,
  type TestDatabase,
  uniqueQueuePrefix,
  waitFor,
  waitForHttpStatus,
} from '@genesys-bridge/testing';

/**
 * What bench/handover runs on: a private redis-server, a fresh SQLite file (or PostgreSQL), the Genesys simulator and
 * the generic bot's callback receiver in the bench process, the gateway's HTTP process and worker processes as real
 * processes (`dist/apps/handover-gateway/src/{main,worker}.js`), and the raw `node:http` webhook baseline as a process.
 */

export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
export const API_KEY = 'bench-handover-api-key-0123456789';

/** One tenant: a connection in the database, its OAuth client and Open Messaging integration in the simulator. */
export interface Tenant {
  connectionId: string;
  clientId: string;
  integrationId: string;
}

export interface Arrival {
  /** Idempotency-Key: the Genesys message id. */
  key: string;
  text: string;
  at: number;
}

/** The generic bot's callback URL: keeps the first copy of each Idempotency-Key, answers every call 200. */
export class BotReceiver {
  readonly arrivals: Arrival[] = [];
  resends = 0;
  private readonly keys = new Set<string>();
  private server?: LoopbackServer;

  async start(): Promise<string> {
    this.server = await startLoopbackServer((request) => this.receive(request));
    return `${this.server.baseUrl}/bot/agent-messages`;
  }

  close(): Promise<void> {
    return this.server?.close() ?? Promise.resolve();
  }

  private receive(request: LoopbackRequest) {
    // The loopback server keeps every request it saw; the bench keeps its own, smaller record.
    this.server?.requests.splice(0);
    const key = String(request.headers['idempotency-key'] ?? '');
    if (this.keys.has(key)) {
      this.resends += 1;
      return { status: 200, body: { duplicate: true } };
    }
    this.keys.add(key);
    this.arrivals.push({ key, text: (request.json as { output?: { text?: string } } | undefined)?.output?.text ?? '', at: Date.now() });
    return { status: 200, body: { ok: true } };
  }
}

/** The gateway's processes, all on one environment; each worker gets its own port and extra variables. */
export class Gateway {
  http?: RunningProcess;
  private readonly workers = new Map<string, RunningProcess>();
  private readonly stopped: { name: string; output: string }[] = [];

  constructor(
    readonly env: Record<string, string>,
    readonly url: string,
  ) {}

  /** `nodeOptions`: NODE_OPTIONS of the HTTP process only (e.g. `--require` of a profiler). */
  async startHttp(nodeOptions?: string): Promise<void> {
    this.http = startProcess('dist/apps/handover-gateway/src/main.js', { ...this.env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) });
    await ready(this.http, `${this.url}/health/ready`, 'handover-gateway HTTP');
  }

  async startWorker(name: string, extraEnv: Record<string, string>): Promise<void> {
    const port = await freePort();
    const worker = startProcess('dist/apps/handover-gateway/src/worker.js', { ...this.env, ...extraEnv, WORKER_HTTP_PORT: String(port) });
    this.workers.set(name, worker);
    await ready(worker, `http://127.0.0.1:${port}/health/ready`, `handover-gateway worker ${name}`);
  }

  /** SIGTERM: the worker finishes the calls in hand and leaves the rest queued. */
  async stopWorker(name: string): Promise<void> {
    const worker = this.workers.get(name);
    if (!worker) return;
    await worker.stop();
    this.workers.delete(name);
    this.stopped.push({ name, output: worker.output() });
  }

  async stopWorkers(): Promise<void> {
    await Promise.all([...this.workers.keys()].map((name) => this.stopWorker(name)));
  }

  output(): string {
    const running = [...this.workers.entries()].map(([name, worker]) => ({ name, output: worker.output() }));
    return [{ name: 'http', output: this.http?.output() ?? '' }, ...this.stopped, ...running].map(({ name, output }) => `--- ${name} ---\n${output}`).join('\n');
  }

  async stop(): Promise<void> {
    await this.stopWorkers();
    await this.http?.stop();
  }
}

async function ready(process: RunningProcess, url: string, what: string): Promise<void> {
  try {
    await waitForHttpStatus(url, 200, 30_000);
  } catch (error) {
    await process.stop('SIGKILL');
    throw new Error(`${what} did not become ready: ${(error as Error).message}\n${process.output()}`);
  }
}

export interface BenchStack {
  sim: GenesysSim;
  dataSource: DataSource;
  receiver: BotReceiver;
  callbackUrl: string;
  gateway: Gateway;
  baselineUrl: string;
  baselinePid: number | undefined;
  /** Connection used with the Genesys limit off (end-to-end throughput and the webhook phases). */
  open: Tenant;
  /** Connection used with the limit on: its own OAuth client, so its budget and the simulator's windows start fresh. */
  limited: Tenant;
  database: 'SQLite' | 'PostgreSQL';
  stop(): Promise<void>;
}

export async function startBenchStack(options: { logLevel: string; postgres: boolean; httpNodeOptions?: string }): Promise<BenchStack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const redis: PrivateRedis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const database: TestDatabase = await createTestDatabase(options.postgres ? 'postgres' : 'better-sqlite3');
    cleanups.push(() => database.drop());
    const dataSource = await createDataSource(database.settings).initialize();
    cleanups.push(() => dataSource.destroy());
    await runMigrations(dataSource, () => undefined);

    const receiver = new BotReceiver();
    const callbackUrl = await receiver.start();
    cleanups.push(() => receiver.close());

    const sim = await createGenesysSim({
      // Off until the limited phase sets it (per access token, as Genesys counts it).
      rateLimit: { limit: 1_000_000_000, windowMs: 60_000 },
      // The webhook phases post agent messages the simulator never sent: their Delivered receipts must be accepted.
      unknownReceiptMessageIds: 'accept',
    });
    cleanups.push(() => sim.close());

    const keys = generateKeyringEntry('k1');
    const connections = new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(keys)));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const tenant = async (name: string): Promise<Tenant> => {
      const client = { clientId: `bench-${name}-client`, clientSecret: `bench-${name}-client-secret` };
      sim.addClient(client);
      const integrationId = randomUUID();
      const connection = await connections.create({
        name: `bench-${name}`,
        genesysRegion: 'us-east-1',
        genesysApiBaseUrl: sim.url,
        genesysLoginBaseUrl: sim.url,
        genesysClientId: client.clientId,
        genesysClientSecret: client.clientSecret,
        openMessagingIntegrationId: integrationId,
        botPlatform: 'generic',
        // The receiver listens on 127.0.0.1: allowed explicitly (SSRF guard).
        botPlatformSettings: { allowPrivateCallbackUrls: true },
        webhookSecret: WEBHOOK_SECRET,
        // A list; the repository's type says string values.
        botPlatformSecrets: { handoverApiKeys: [API_KEY] } as unknown as Record<string, string>,
      });
      sim.addIntegration({
        id: integrationId,
        name: `bench ${name}`,
        outboundNotificationWebhookUrl: `${url}/genesys/open-messaging/${connection.id}/webhook`,
        outboundNotificationWebhookSignatureSecretToken: WEBHOOK_SECRET,
      });
      return { connectionId: connection.id, clientId: client.clientId, integrationId };
    };
    const open = await tenant('open');
    const limited = await tenant('limited');

    const gateway = new Gateway(
      {
        REDIS_URL: redis.url,
        QUEUE_PREFIX: uniqueQueuePrefix(),
        SQLITE_PATH: database.settings.SQLITE_PATH,
        ...(database.settings.DATABASE_URL ? { DATABASE_URL: database.settings.DATABASE_URL } : {}),
        SECRETS_KEYS: keys,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: url,
        LOG_LEVEL: options.logLevel,
        SHUTDOWN_GRACE_MS: '10000',
      },
      url,
    );
    cleanups.push(() => gateway.stop());
    await gateway.startHttp(options.httpNodeOptions);

    const baseline = startProcess('dist/bench/handover/baseline.js', { BASELINE_WEBHOOK_SECRET: WEBHOOK_SECRET });
    cleanups.push(() => baseline.stop());
    const baselineUrl = await waitFor(() => /listening on (http:\S+)/.exec(baseline.output())?.[1], { what: 'the webhook baseline' });

    return { sim, dataSource, receiver, callbackUrl, gateway, baselineUrl, baselinePid: baseline.child.pid, open, limited, database: options.postgres ? 'PostgreSQL' : 'SQLite', stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reads the simulator's accepted inbound messages of one integration incrementally (the record list only grows). */
export class InboundTail {
  private cursor = 0;
  readonly records: InboundMessageRecord[] = [];

  constructor(
    private readonly sim: GenesysSim,
    private readonly integrationId: string,
  ) {}

  /** New records since the last call; all of them are also kept in `records`. */
  poll(): InboundMessageRecord[] {
    const all = this.sim.state.inboundMessages;
    const fresh: InboundMessageRecord[] = [];
    for (; this.cursor < all.length; this.cursor++) if (all[this.cursor].integrationId === this.integrationId) fresh.push(all[this.cursor]);
    this.records.push(...fresh);
    return fresh;
  }
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux x86 and arm64). */
const USER_HZ = 100;

/** CPU time (user + system, all threads) a process has used so far, in ms; undefined where /proc is not there. */
export function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the `(comm)`: state is field 3; utime and stime are fields 14 and 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}
