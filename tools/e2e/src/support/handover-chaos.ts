import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { allDeliveryQueueNames, deliveryQueueName, QueueName } from '@genesys-bridge/queue-contracts';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import {
  createTestDatabase,
  freePort,
  type LoopbackAnswer,
  type LoopbackRequest,
  type LoopbackServer,
  type PrivateRedis,
  type RunningProcess,
  startLoopbackServer,
  startPrivateRedis,
  startProcess,
  type TestDatabase,
  uniqueQueuePrefix,
  waitForHttpStatus,
} from '@genesys-bridge/testing';

/**
 * The handover-gateway chaos harness (design.md §9 "Reliability", perf-reliability.md §5), shared by
 * `handover-chaos.e2e-spec.ts` and `bench/handover-chaos/run.ts`.
 *
 * Real processes on a private Redis and a fresh SQLite file: the gateway's HTTP process and two worker processes
 * (every queue each), the Genesys simulator in this process, and a generic bot's callback receiver written here.
 * Handovers are started and user messages sent through the REST API; simulated agents answer through the simulator,
 * whose signed webhook reaches the gateway. Both directions flow at the same time while faults are injected: a worker
 * `kill -9`'d in the middle of deliveries (Genesys slowed to 250 ms per call around it) and replaced, its jobs left to
 * BullMQ's stall recovery — the worker that owns the connection's Notifications API channel (its lease in Redis names
 * the pid), so the other worker must take the channel over; later Redis killed and restarted empty on the same port
 * (the channel leases vanish with it and are taken again; some conversations' last messages
 * are sent while it is down, so only the outbox sweeper can wake them); Genesys API 429 (Retry-After) / 500 / hangs /
 * "500 after accept"; webhook duplicates and reordering; and a bot receiver that answers 503 or accepts then 500s.
 *
 * Then every message is counted per direction, by its text `conv#seq`:
 * - lost: sent, never received;
 * - duplicates: one `conv#seq` received under two different stable ids, i.e. stored and sent as two messages;
 * - order violations: per conversation, a message first received after a later one of the same sender.
 * "Exactly once as observed" = at-least-once delivery + de-duplication by the receiver on our stable id
 * (perf-reliability.md §7.6): a legitimate resend after a crash, a timeout or a "500 after accept" carries the same
 * stable id and is absorbed — counted as `resends`, not as a duplicate. The stable ids are `channel.messageId` (our
 * outbox row id) on the Genesys side, where the simulator records every copy it accepted (`duplicateInboundMessages:
 * 'accept'`), so its records are de-duplicated by `channel.messageId` for the count; and the Genesys message id,
 * sent as `Idempotency-Key`, on the bot side, whose receiver keeps the first copy of each key.
 *
 * Last, the agents end every conversation from the Genesys side: the Notifications WebSocket of whichever worker owns
 * the channel now must end every handover and tell the bot (`handover-ended`): none may be left open.
 */

export interface ChaosSettings {
  conversations: number;
  /** User messages per conversation, the handover's first message included. */
  userMessagesPerConversation: number;
  agentMessagesPerConversation: number;
  /** How long sending (both directions) is spread over; faults are placed on this timeline. */
  sendWindowMs: number;
  /** After sending, how long to wait for everything to be delivered. */
  deliveryTimeoutMs: number;
  /** Seeds the simulator's fault RNG. */
  seed?: number;
  /** LOG_LEVEL of the gateway processes (default warn). */
  gatewayLogLevel?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface DirectionCount {
  sent: number;
  /** Distinct `conv#seq` received. */
  delivered: number;
  lost: number;
  duplicates: number;
  orderViolations: number;
  /** Received texts that were never sent (should not exist). */
  unexpected: number;
  /** Copies of an already received stable id, absorbed by the receiver's de-duplication. */
  resends: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Up to 20 lost / duplicated / reordered examples, for the failure message. */
  examples: string[];
}

export interface ChaosFaults {
  workersKilled: number;
  /** Delivery jobs the killed worker held (still active 3 s after the kill). */
  jobsStalledByKill: number;
  /** When BullMQ's stall recovery had put every one of them back (ms after the kill); null if not before the Redis restart. */
  stallRecoveredAfterMs: number | null;
  redisRestarts: number;
  genesys429: number;
  genesys500: number;
  genesysHangs: number;
  genesysAcceptThen500: number;
  webhookDuplicates: number;
  webhookReorders: number;
  webhookGaveUp: number;
  bot503: number;
  botAcceptThen500: number;
  /** Messages sent (by the API or the agent) while Redis was down. */
  sentDuringRedisOutage: number;
  /** The killed worker held the connection's Notifications channel lease. */
  socketOwnerKilled: boolean;
  /** When another live worker held the lease (ms after the kill); null if never within 30 s. */
  socketTakeoverMs: number | null;
}

/** The agents end every conversation after the messages were delivered: what end detection made of it. */
export interface EndDetectionCount {
  /** Conversations the agents ended. */
  ended: number;
  /** Handovers still open when the wait ran out (must be 0). */
  leftOpen: number;
  /** Handovers whose end the bot platform never heard of (must be 0). */
  notTold: number;
  /** Agent end → `handover-ended` at the bot's callback. */
  latencyMs: { p50: number; p99: number; max: number };
  examples: string[];
}

export interface ChaosReport {
  toGenesys: DirectionCount;
  toBot: DirectionCount;
  /** How long the gateway took to answer the simulator's webhook POSTs (every attempt). */
  webhookAnswerMs: { p50: number; p99: number; max: number };
  faults: ChaosFaults;
  endDetection: EndDetectionCount;
  /** Outbox/inbox rows not delivered at the end (pending or failed). */
  undeliveredRows: { status: string; direction: string; count: number }[];
  durationMs: number;
  /** One line: `chaos: sent N, delivered N, lost 0, duplicates 0, order violations 0, faults: …`. */
  summary: string;
  /** Output of the gateway processes, for a failure message. */
  processOutput: (maxCharsPerProcess?: number) => string;
  /** When something was not delivered: the BullMQ state of the partitions holding it and of the sweeper. */
  queueState: string;
}

const KEYS = generateKeyringEntry('k1');
const WEBHOOK_SECRET = 'chaos-webhook-secret-0123456789';
const API_KEY = 'chaos-handover-api-key-0123456789';
const CLIENT = { clientId: 'chaos-client', clientSecret: 'chaos-client-secret' };
const TEXT = /^(c\d+)#(\d+)$/;
/**
 * The killed worker's active jobs come back once their lock expired (lockDuration 30 s, BullMQ's default: the worker
 * exposes no setting) and a stall check ran (every 30 s): about 60 s after the kill. Redis restarts after that, or
 * after this long at the latest (then `stallRecoveredAfterMs` stays null).
 */
const STALL_RECOVERY_MAX_MS = 90_000;
/** Redis stays down this long in the restart. */
const REDIS_DOWN_MS = 1_500;
/** Every this-many-th new agent message the bot answers 503 / accepts and then answers 500. */
const BOT_503_EVERY = 53;
const BOT_ACCEPT_THEN_500_EVERY = 71;
/** The gateway's NOTIFICATIONS_LEASE_MS: a killed socket owner's channel moves to the other worker within this. */
const NOTIFICATIONS_LEASE_MS = 5_000;
/** How long the agents' ends may take to reach the bot (every handover) before the rest count as left open. */
const END_DETECTION_TIMEOUT_MS = 30_000;

interface ChaosConversation {
  label: string;
  index: number;
  handoverId: string;
  genesysConversationId?: string;
  /** The last message of each direction is sent while Redis is down (best effort). */
  tail: boolean;
}

interface Arrival {
  stableId: string;
  text: string;
  at: number;
}

/** The gateway processes: HTTP and workers, all on the same environment. */
class Gateway {
  readonly url: string;
  http!: RunningProcess;
  readonly workers: RunningProcess[] = [];
  private readonly retired: RunningProcess[] = [];

  constructor(
    readonly env: Record<string, string>,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async startHttp(): Promise<void> {
    this.http = startProcess('dist/apps/handover-gateway/src/main.js', this.env);
    await this.ready(this.http, `${this.url}/health/ready`);
  }

  async startWorker(): Promise<RunningProcess> {
    const port = await freePort();
    const worker = startProcess('dist/apps/handover-gateway/src/worker.js', { ...this.env, WORKER_HTTP_PORT: String(port) });
    this.workers.push(worker);
    await this.ready(worker, `http://127.0.0.1:${port}/health/ready`);
    return worker;
  }

  /** kill -9: no graceful drain, the jobs in hand stay active until BullMQ finds them stalled. */
  async kill(worker: RunningProcess): Promise<void> {
    await worker.stop('SIGKILL');
    this.workers.splice(this.workers.indexOf(worker), 1);
    this.retired.push(worker);
  }

  output(maxPerProcess = Number.POSITIVE_INFINITY): string {
    const tail = (name: string, process: RunningProcess | undefined) => (process ? `--- ${name} ---\n${Number.isFinite(maxPerProcess) ? process.output().slice(-maxPerProcess) : process.output()}\n` : '');
    return [tail('http', this.http), ...this.workers.map((worker, i) => tail(`worker ${i + 1}`, worker)), ...this.retired.map((worker, i) => tail(`killed worker ${i + 1}`, worker))].join('');
  }

  async stop(): Promise<void> {
    await Promise.all([this.http, ...this.workers].filter(Boolean).map((process) => process.stop()));
  }

  private async ready(process: RunningProcess, url: string): Promise<void> {
    try {
      await waitForHttpStatus(url, 200, 30_000);
    } catch (error) {
      await process.stop('SIGKILL');
      throw new Error(`handover-gateway process did not become ready: ${(error as Error).message}\n${process.output()}`);
    }
  }
}

/** The generic bot's callback URL: keeps the first copy of each Idempotency-Key, answers resends 200, injects faults. */
class BotReceiver {
  readonly arrivals: Arrival[] = [];
  /** Handover id → when the bot was first told the handover ended (generic `handover-ended` event; not a message). */
  readonly endsTold = new Map<string, number>();
  resends = 0;
  injected503 = 0;
  injectedAcceptThen500 = 0;
  faultsOn = true;
  private readonly keys = new Set<string>();
  private newMessages = 0;
  private server?: LoopbackServer;

  async start(): Promise<string> {
    this.server = await startLoopbackServer((request) => this.receive(request));
    return `${this.server.baseUrl}/bot/agent-messages`;
  }

  close(): Promise<void> {
    return this.server?.close() ?? Promise.resolve();
  }

  private receive(request: LoopbackRequest): LoopbackAnswer {
    const key = String(request.headers['idempotency-key'] ?? '');
    const body = request.json as { handoverId?: string; output?: { text?: string }; event?: { type?: string } } | undefined;
    if (body?.event?.type === 'handover-ended' && body.handoverId) {
      if (!this.endsTold.has(body.handoverId)) this.endsTold.set(body.handoverId, Date.now());
      return { status: 200, body: { ok: true } };
    }
    if (this.keys.has(key)) {
      this.resends += 1;
      return { status: 200, body: { duplicate: true } };
    }
    this.newMessages += 1;
    if (this.faultsOn && this.newMessages % BOT_503_EVERY === 0) {
      this.injected503 += 1;
      return { status: 503, body: { message: 'chaos: try again' } };
    }
    this.keys.add(key);
    this.arrivals.push({ stableId: key, text: body?.output?.text ?? '', at: Date.now() });
    if (this.faultsOn && this.newMessages % BOT_ACCEPT_THEN_500_EVERY === 0) {
      this.injectedAcceptThen500 += 1;
      return { status: 500, body: { message: 'chaos: accepted, then failed' } };
    }
    return { status: 200, body: { ok: true } };
  }
}

/** Counts what each fault trigger of the simulator really fired (`next` counts down in the live options). */
class SimFaults {
  readonly fired = { 429: 0, 500: 0, hang: 0, acceptThen500: 0 };

  constructor(private readonly sim: GenesysSim) {}

  apiError(status: 429 | 500, next: number): void {
    const trigger = this.sim.options.faults.apiError;
    this.settle();
    trigger.status = status;
    trigger.next = next;
    this.armed.apiError = { status, next };
  }

  hang(next: number, releaseAfterMs: number): void {
    this.settle();
    this.sim.options.faults.apiHang = { next, probability: 0, releaseAfterMs };
    this.armed.hang = next;
  }

  acceptThen500(next: number): void {
    this.settle();
    this.sim.options.faults.inboundAcceptThenError = { next, probability: 0, status: 500 };
    this.armed.acceptThen500 = next;
  }

  webhook(probability: number): void {
    this.sim.options.faults.webhookDuplicate = { next: 0, probability };
    this.sim.options.faults.webhookReorder = { next: 0, probability };
  }

  /** Everything off; what fired is in `fired`. */
  off(): void {
    this.settle();
    const faults = this.sim.options.faults;
    faults.apiError.next = 0;
    faults.apiHang.next = 0;
    faults.inboundAcceptThenError.next = 0;
    this.webhook(0);
    this.armed = { apiError: { status: 429, next: 0 }, hang: 0, acceptThen500: 0 };
  }

  private armed = { apiError: { status: 429 as 429 | 500, next: 0 }, hang: 0, acceptThen500: 0 };

  /** Books what fired of the previous arming. */
  private settle(): void {
    const faults = this.sim.options.faults;
    this.fired[this.armed.apiError.status] += this.armed.apiError.next - faults.apiError.next;
    this.fired.hang += this.armed.hang - faults.apiHang.next;
    this.fired.acceptThen500 += this.armed.acceptThen500 - faults.inboundAcceptThenError.next;
    this.armed = { apiError: { ...this.armed.apiError, next: faults.apiError.next }, hang: faults.apiHang.next, acceptThen500: faults.inboundAcceptThenError.next };
  }
}

export async function runHandoverChaos(settings: ChaosSettings): Promise<ChaosReport> {
  const log = settings.log ?? (() => undefined);
  const started = Date.now();
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const redis: PrivateRedis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const database: TestDatabase = await createTestDatabase('better-sqlite3');
    cleanups.push(() => database.drop());
    const dataSource: DataSource = await createDataSource(database.settings).initialize();
    cleanups.push(() => dataSource.destroy());
    await runMigrations(dataSource, () => undefined);

    const receiver = new BotReceiver();
    const callbackUrl = await receiver.start();
    cleanups.push(() => receiver.close());
    const sim = await createGenesysSim({
      clients: [CLIENT],
      // The gateway's own budget keeps it under Genesys' 300/min; here both are raised so the run is not throttled.
      rateLimit: { limit: 1_000_000, windowMs: 60_000 },
      webhook: { timeoutMs: 5_000, retryIntervalMs: 50 },
      faults: { seed: settings.seed ?? 7 },
    });
    cleanups.push(() => sim.close());

    const integrationId = randomUUID();
    const connection = await new ConnectionRepository(dataSource, new SecretCipher(parseKeyring(KEYS))).create({
      name: 'chaos',
      genesysRegion: 'us-east-1',
      genesysApiBaseUrl: sim.url,
      genesysLoginBaseUrl: sim.url,
      genesysClientId: CLIENT.clientId,
      genesysClientSecret: CLIENT.clientSecret,
      openMessagingIntegrationId: integrationId,
      botPlatform: 'generic',
      // The receiver listens on 127.0.0.1: allowed explicitly (SSRF guard).
      botPlatformSettings: { allowPrivateCallbackUrls: true },
      webhookSecret: WEBHOOK_SECRET,
      // A list; the repository's type says string values.
      botPlatformSecrets: { handoverApiKeys: [API_KEY] } as unknown as Record<string, string>,
    });
    const port = await freePort();
    sim.addIntegration({
      id: integrationId,
      name: 'chaos bridge',
      outboundNotificationWebhookUrl: `http://127.0.0.1:${port}/genesys/open-messaging/${connection.id}/webhook`,
      outboundNotificationWebhookSignatureSecretToken: WEBHOOK_SECRET,
    });

    const gateway = new Gateway(
      {
        REDIS_URL: redis.url,
        QUEUE_PREFIX: uniqueQueuePrefix(),
        SQLITE_PATH: database.settings.SQLITE_PATH,
        SECRETS_KEYS: KEYS,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: settings.gatewayLogLevel ?? 'warn',
        SHUTDOWN_GRACE_MS: '5000',
        OUTBOX_SWEEP_INTERVAL_MS: '1000',
        OUTBOX_STALE_AFTER_MS: '2000',
        GENESYS_RATE_LIMIT_PER_MINUTE: '1000000',
        NOTIFICATIONS_LEASE_MS: String(NOTIFICATIONS_LEASE_MS),
        NOTIFICATIONS_RECONCILE_MS: '1000',
      },
      port,
    );
    cleanups.push(() => gateway.stop());
    await Promise.all([gateway.startHttp(), gateway.startWorker(), gateway.startWorker()]);
    log(`chaos: gateway up (HTTP + 2 workers), ${settings.conversations} conversations × (${settings.userMessagesPerConversation} user + ${settings.agentMessagesPerConversation} agent) messages`);

    const run = new ChaosRun(settings, sim, gateway, redis, receiver, dataSource, connection.id, integrationId, callbackUrl, log);
    const report = await run.execute(started);
    return report;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

class ChaosRun {
  private readonly conversations: ChaosConversation[] = [];
  private readonly userSentAt = new Map<string, number>();
  private readonly agentSentAt = new Map<string, number>();
  private readonly faults: SimFaults;
  private redisDown = false;
  private sentDuringRedisOutage = 0;
  private workersKilled = 0;
  private socketOwnerKilled = false;
  private socketTakeoverMs: number | null = null;
  private takeover: Promise<void> = Promise.resolve();
  private jobsStalledByKill = 0;
  private stallRecoveredAfterMs: number | null = null;
  private redisRestarts = 0;
  private readonly outageStarted: Promise<void>;
  private markOutageStarted!: () => void;
  private sendingDone = false;
  private aborted = false;

  constructor(
    private readonly settings: ChaosSettings,
    private readonly sim: GenesysSim,
    private readonly gateway: Gateway,
    private readonly redis: PrivateRedis,
    private readonly receiver: BotReceiver,
    private readonly dataSource: DataSource,
    private readonly connectionId: string,
    private readonly integrationId: string,
    private readonly callbackUrl: string,
    private readonly log: (line: string) => void,
  ) {
    this.faults = new SimFaults(sim);
    this.outageStarted = new Promise((resolve) => (this.markOutageStarted = resolve));
  }

  async execute(started: number): Promise<ChaosReport> {
    const { sendWindowMs } = this.settings;
    const t0 = Date.now();
    this.faults.webhook(0.03);
    // Whatever happens to the timeline, the tail conversations must not wait for an outage forever.
    const director = this.directFaults(t0).finally(() => this.markOutageStarted());
    const attachments = this.watchAttachments();
    try {
      await Promise.all([...Array.from({ length: this.settings.conversations }, (_, index) => this.converse(index, t0)), director]);
    } catch (error) {
      // The harness is being torn down: no kill or Redis restart after that (no stray redis-server).
      this.aborted = true;
      this.sendingDone = true;
      throw error;
    }
    this.sendingDone = true;
    await attachments;
    this.faults.off();
    this.receiver.faultsOn = false;
    this.log(`chaos: sending done after ${Math.round((Date.now() - t0) / 1000)} s (window ${Math.round(sendWindowMs / 1000)} s); waiting for delivery`);

    await this.waitForDelivery();
    // Late copies (a redelivery after a stall) would still be counted: give them a moment.
    await sleep(1_000);
    await this.sim.idle();
    await this.takeover;
    const report = await this.count(started);
    const endDetection = await this.endConversations();
    const summary = `${report.summary}; end detection: ${endDetection.ended} conversations ended by their agents, ${endDetection.leftOpen} handovers left open, ${endDetection.notTold} not told, agent end → bot told p50 ${endDetection.latencyMs.p50} ms, p99 ${endDetection.latencyMs.p99} ms`;
    return { ...report, endDetection, summary, durationMs: Date.now() - started };
  }

  /**
   * The agents end every conversation from the Genesys side at once; the Notifications channel (held by whichever
   * worker owns it after the kill and the Redis restart) must end every handover and tell the bot.
   */
  private async endConversations(): Promise<EndDetectionCount> {
    const examples: string[] = [];
    const endedAt = new Map<string, number>();
    for (const conversation of this.conversations) {
      if (!conversation.genesysConversationId) continue;
      try {
        this.sim.agent(conversation.genesysConversationId).end();
        endedAt.set(conversation.handoverId, Date.now());
      } catch (error) {
        if (examples.length < 20) examples.push(`${conversation.label}: the agent could not end it: ${(error as Error).message}`);
      }
    }
    const open = async () =>
      (await this.dataSource.query("SELECT id FROM handovers WHERE connection_id = ? AND status <> 'ended'", [this.connectionId])) as { id: string }[];
    const deadline = Date.now() + END_DETECTION_TIMEOUT_MS;
    let stillOpen = await open();
    while ((stillOpen.length > 0 || [...endedAt.keys()].some((id) => !this.receiver.endsTold.has(id))) && Date.now() < deadline) {
      await sleep(100);
      stillOpen = await open();
    }
    const label = (handoverId: string) => this.conversations.find((conversation) => conversation.handoverId === handoverId)?.label ?? handoverId;
    for (const { id } of stillOpen) if (examples.length < 20) examples.push(`${label(id)}: still open ${END_DETECTION_TIMEOUT_MS / 1000} s after its agent ended it`);
    const notTold = [...endedAt.keys()].filter((id) => !this.receiver.endsTold.has(id));
    for (const id of notTold) if (examples.length < 20) examples.push(`${label(id)}: the bot was never told it ended`);
    const latencies = [...endedAt].flatMap(([id, at]) => (this.receiver.endsTold.has(id) ? [(this.receiver.endsTold.get(id) as number) - at] : []));
    this.log(`chaos: agents ended ${endedAt.size} conversations; ${stillOpen.length} handovers left open, ${notTold.length} not told`);
    return { ended: endedAt.size, leftOpen: stillOpen.length, notTold: notTold.length, latencyMs: percentiles(latencies), examples };
  }

  /** The pid in the connection's Notifications channel lease (`host:pid:random|epoch`), or null. */
  private async socketOwnerPid(): Promise<number | null> {
    const connection = new Redis(this.redis.url, { maxRetriesPerRequest: 1 });
    connection.on('error', () => undefined);
    try {
      const value = await connection.get(`${this.gateway.env.QUEUE_PREFIX}:notifications:lease:${this.connectionId}`);
      return value ? Number(value.split('|')[0].split(':').at(-2)) : null;
    } catch {
      return null;
    } finally {
      connection.disconnect();
    }
  }

  /** Notes when a live worker other than the killed one holds the channel lease. */
  private async watchTakeover(killedAt: number, killedPid: number | undefined): Promise<void> {
    while (Date.now() - killedAt < 30_000 && !this.aborted) {
      const pid = await this.socketOwnerPid();
      if (pid !== null && pid !== killedPid && this.gateway.workers.some((worker) => worker.child.pid === pid)) {
        this.socketTakeoverMs = Date.now() - killedAt;
        this.log(`chaos: the Notifications channel moved to worker pid ${pid} ${this.socketTakeoverMs} ms after the kill`);
        return;
      }
      await sleep(50);
    }
  }

  /** One conversation: start the handover (user message 1), the other user messages, and its agent's answers. */
  private async converse(index: number, t0: number): Promise<void> {
    const label = `c${String(index + 1).padStart(3, '0')}`;
    const { conversations, userMessagesPerConversation: users, sendWindowMs } = this.settings;
    // Starts are spread over the first 10% of the window; 1 in 20 conversations is a "tail" one.
    await sleep(Math.floor((index / conversations) * sendWindowMs * 0.1));
    const tail = index % 20 === 7;
    const conversation: ChaosConversation = { label, index, handoverId: await this.startHandover(label, index), tail };
    this.conversations.push(conversation);
    await Promise.all([this.userSide(conversation, t0, users), this.agentSide(conversation, t0)]);
  }

  private async userSide(conversation: ChaosConversation, t0: number, users: number): Promise<void> {
    // Tail conversations finish early, but keep their last message for the Redis outage.
    const end = t0 + this.settings.sendWindowMs * (conversation.tail ? 0.45 : 1);
    for (let seq = 2; seq <= users; seq++) {
      if (conversation.tail && seq === users) await this.outageStarted;
      else await sleep(this.pace(end, users - seq + 1));
      await this.sendUserMessage(conversation, seq);
    }
  }

  private async agentSide(conversation: ChaosConversation, t0: number): Promise<void> {
    const agents = this.settings.agentMessagesPerConversation;
    // Like a real agent: answers once the conversation is routed (the handover knows its Genesys conversation).
    const giveUpAt = t0 + this.settings.sendWindowMs + this.settings.deliveryTimeoutMs / 2;
    while (!conversation.genesysConversationId) {
      if (Date.now() > giveUpAt) {
        this.log(`chaos: ${conversation.label} never got its Genesys conversation; its agent sends nothing`);
        return;
      }
      await sleep(100);
    }
    const agent = this.sim.agent(conversation.genesysConversationId);
    agent.join({ name: `Agent ${conversation.label}` });
    const end = t0 + this.settings.sendWindowMs * (conversation.tail ? 0.45 : 1);
    for (let seq = 1; seq <= agents; seq++) {
      if (conversation.tail && seq === agents) await this.outageStarted;
      // Agents often send two or three lines in a row (what makes webhook reordering likely), then pause.
      else await sleep(seq > 1 && Math.random() < 0.4 ? 15 + Math.floor(Math.random() * 50) : this.pace(end, agents - seq + 1));
      const text = `${conversation.label}#${seq}`;
      const sent = agent.sendText(text);
      this.agentSentAt.set(text, Date.parse(sent.createdAt));
      if (this.redisDown) this.sentDuringRedisOutage += 1;
    }
  }

  /** A jittered pause that spreads `remaining` messages until `end` (at least 5 ms). */
  private pace(end: number, remaining: number): number {
    const left = Math.max(0, end - Date.now());
    return Math.max(5, Math.round((left / Math.max(1, remaining)) * (0.5 + Math.random())));
  }

  private async startHandover(label: string, index: number): Promise<string> {
    const text = `${label}#1`;
    this.userSentAt.set(text, Date.now());
    const answer = await this.api('', {
      conversationId: `bot-${label}-${randomUUID()}`,
      customer: { id: `chaos-${index + 1}-${randomUUID().slice(0, 8)}@example.com`, idType: 'Email', nickname: `User ${label}` },
      queueName: 'Support',
      firstMessage: { messageId: `${label}-u1`, text },
      callbackUrl: this.callbackUrl,
    });
    return (answer as { handoverId: string }).handoverId;
  }

  private async sendUserMessage(conversation: ChaosConversation, seq: number): Promise<void> {
    const text = `${conversation.label}#${seq}`;
    this.userSentAt.set(text, Date.now());
    const duringOutage = this.redisDown;
    await this.api(`/${conversation.handoverId}/messages`, { messageId: `${conversation.label}-u${seq}`, text });
    if (duringOutage) this.sentDuringRedisOutage += 1;
  }

  /** POST to the handover API; a network error or 5xx is retried with the same body (the messageId makes it idempotent). */
  private async api(path: string, body: unknown): Promise<unknown> {
    let last = '';
    for (let attempt = 1; attempt <= 30; attempt++) {
      try {
        const response = await fetch(`${this.gateway.url}/handovers/${this.connectionId}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
          body: JSON.stringify(body),
        });
        const answer = (await response.json()) as unknown;
        if (response.status === 202 || response.status === 200) return answer;
        last = `${response.status} ${JSON.stringify(answer)}`;
        if (response.status < 500) break;
      } catch (error) {
        last = String(error);
      }
      await sleep(200);
    }
    throw new Error(`handover API POST /handovers/{connectionId}${path} failed: ${last}`);
  }

  /** Notes each handover's Genesys conversation id as soon as the gateway stored it (what lets its agent answer). */
  private async watchAttachments(): Promise<void> {
    while (!this.sendingDone) {
      const waiting = this.conversations.filter((conversation) => !conversation.genesysConversationId);
      if (waiting.length > 0) {
        const rows: { id: string; genesys_conversation_id: string | null }[] = await this.dataSource.query(
          'SELECT id, genesys_conversation_id FROM handovers WHERE connection_id = ? AND genesys_conversation_id IS NOT NULL',
          [this.connectionId],
        );
        const attached = new Map(rows.map((row) => [row.id, row.genesys_conversation_id]));
        for (const conversation of waiting) conversation.genesysConversationId = attached.get(conversation.handoverId) ?? undefined;
      }
      await sleep(100);
    }
  }

  /** The fault timeline, relative to the send window W. */
  private async directFaults(t0: number): Promise<void> {
    const W = this.settings.sendWindowMs;
    const at = async (fraction: number) => sleep(Math.max(0, t0 + fraction * W - Date.now()));
    const api = (async () => {
      // Genesys API faults in small bursts, one every W/16 from 0.1 W to 0.85 W.
      const bursts = [
        () => this.faults.apiError(429, 2),
        () => this.faults.apiError(500, 3),
        () => this.faults.acceptThen500(3),
        () => this.faults.hang(1, 1_500),
      ];
      for (let i = 0; i < 12; i++) {
        await at(0.1 + (i * 0.75) / 12);
        bursts[i % bursts.length]();
      }
    })();

    // Early, so that BullMQ's own stall recovery brings the killed worker's jobs back before the Redis restart
    // (which would otherwise wipe them and leave the recovery to the sweeper).
    await at(0.06);
    if (this.aborted) return;
    // The worker that owns the connection's Notifications channel (there is one once a handover reached Genesys).
    let ownerPid: number | null = null;
    for (let tries = 0; tries < 50 && ownerPid === null; tries++) {
      ownerPid = await this.socketOwnerPid();
      if (ownerPid === null) await sleep(100);
    }
    const owner = this.gateway.workers.find((worker) => worker.child.pid === ownerPid);
    const victim = owner ?? this.gateway.workers[0];
    this.socketOwnerKilled = owner !== undefined;
    // Genesys slows down around the kill, so that both workers are in the middle of deliveries when it comes.
    this.sim.options.faults.apiLatencyMs = 250;
    await sleep(500);
    this.log(`chaos: kill -9 worker (pid ${victim.child.pid}) at ${Math.round((Date.now() - t0) / 1000)} s; starting a replacement`);
    const killedAt = Date.now();
    await this.gateway.kill(victim);
    this.workersKilled += 1;
    this.takeover = this.watchTakeover(killedAt, victim.child.pid);
    await sleep(500);
    this.sim.options.faults.apiLatencyMs = 0;
    await this.gateway.startWorker();
    // What is still active 3 s after the kill is what the killed worker held: it stays active until BullMQ sees it stalled.
    await sleep(Math.max(0, killedAt + 3_000 - Date.now()));
    const stalled = new Set(await this.activeJobs());
    this.jobsStalledByKill = stalled.size;
    this.log(`chaos: ${stalled.size} delivery job(s) held by the killed worker wait for BullMQ's stall recovery`);
    // Redis restarts once they are back (and not before 0.6 W), or STALL_RECOVERY_MAX_MS after the kill at the latest.
    const giveUpAt = killedAt + STALL_RECOVERY_MAX_MS;
    while (Date.now() < giveUpAt && (this.stallRecoveredAfterMs === null || Date.now() < t0 + 0.6 * W)) {
      if (this.stallRecoveredAfterMs === null && (await this.activeJobs()).every((job) => !stalled.has(job))) {
        this.stallRecoveredAfterMs = Date.now() - killedAt;
        this.log(`chaos: stalled jobs recovered ${Math.round(this.stallRecoveredAfterMs / 1000)} s after the kill`);
      }
      await sleep(1_000);
    }
    if (this.aborted) return;
    this.log(`chaos: restarting Redis (down ${REDIS_DOWN_MS} ms, nothing persisted) at ${Math.round((Date.now() - t0) / 1000)} s`);
    this.redisDown = true;
    const restart = this.redis.restart({ downForMs: REDIS_DOWN_MS });
    // The tail conversations send their last message now, while Redis is down.
    setTimeout(() => this.markOutageStarted(), 200);
    await restart;
    this.redisDown = false;
    this.redisRestarts += 1;
    await api;
  }

  /** `queue/jobId` of every active delivery job, both directions. */
  private async activeJobs(): Promise<string[]> {
    const connection = new Redis(this.redis.url, { maxRetriesPerRequest: 1 });
    connection.on('error', () => undefined);
    try {
      const names = [...allDeliveryQueueNames(QueueName.ToGenesys), ...allDeliveryQueueNames(QueueName.ToBot)];
      const perQueue = await Promise.all(
        names.map(async (name) => {
          const queue = new Queue(name, { connection, prefix: this.gateway.env.QUEUE_PREFIX });
          try {
            return (await queue.getActive()).map((job) => `${name}/${job.id}`);
          } finally {
            await queue.close();
          }
        }),
      );
      return perQueue.flat();
    } finally {
      connection.disconnect();
    }
  }

  private deliveredTexts(): { toGenesys: Set<string>; toBot: Set<string> } {
    return {
      toGenesys: new Set(this.genesysArrivals().map((arrival) => arrival.text)),
      toBot: new Set(this.receiver.arrivals.map((arrival) => arrival.text)),
    };
  }

  private async waitForDelivery(): Promise<void> {
    const deadline = Date.now() + this.settings.deliveryTimeoutMs;
    let lastLog = Date.now();
    for (;;) {
      const { toGenesys, toBot } = this.deliveredTexts();
      const missingGenesys = [...this.userSentAt.keys()].filter((text) => !toGenesys.has(text)).length;
      const missingBot = [...this.agentSentAt.keys()].filter((text) => !toBot.has(text)).length;
      const [{ pending }] = (await this.dataSource.query("SELECT COUNT(*) AS pending FROM messages WHERE status = 'pending'")) as { pending: number }[];
      if (missingGenesys === 0 && missingBot === 0 && Number(pending) === 0) return;
      if (Date.now() > deadline) {
        this.log(`chaos: delivery timeout: ${missingGenesys} user and ${missingBot} agent messages missing, ${pending} rows pending`);
        return;
      }
      if (Date.now() - lastLog > 5_000) {
        this.log(`chaos: waiting: ${missingGenesys} user and ${missingBot} agent messages to go, ${pending} rows pending`);
        lastLog = Date.now();
      }
      await sleep(250);
    }
  }

  /** What Genesys accepted from the gateway, every copy, in arrival order; the stable id is `channel.messageId`. */
  private genesysArrivals(): Arrival[] {
    return this.sim.state.inboundMessages
      .filter((record) => record.integrationId === this.integrationId)
      .map((record) => {
        const body = record.body as { text?: string; channel?: { messageId?: string } };
        return { stableId: body.channel?.messageId ?? '', text: body.text ?? '', at: Date.parse(record.receivedAt) };
      });
  }

  private async count(started: number): Promise<ChaosReport> {
    const genesys = this.genesysArrivals();
    // The simulator keeps every copy it accepted: de-duplicated by channel.messageId here (receiver-side dedupe).
    const iso = (ms: number | undefined) => (ms === undefined ? '?' : new Date(ms).toISOString().slice(11, 23));
    const toGenesys = countDirection(this.userSentAt, dedupe(genesys), genesys.length - dedupe(genesys).length, (text) => {
      const copies = genesys.filter((arrival) => arrival.text === text);
      return `[sent ${iso(this.userSentAt.get(text))}, accepted by Genesys ${copies.map((copy) => `${iso(copy.at)} (${copy.stableId.slice(0, 8)})`).join(', ')}]`;
    });
    const toBot = countDirection(this.agentSentAt, this.receiver.arrivals, this.receiver.resends, (text) => {
      const arrival = this.receiver.arrivals.find((candidate) => candidate.text === text);
      const webhooks = this.sim.state.webhookDeliveries
        .filter((delivery) => delivery.messageId === arrival?.stableId)
        .map(
          (delivery) =>
            `webhook${delivery.duplicateOf ? ' copy' : ''}${delivery.reordered ? ' reordered' : ''} queued ${iso(Date.parse(delivery.enqueuedAt))}: ` +
            delivery.attempts.map((attempt) => `${iso(Date.parse(attempt.startedAt))}+${attempt.durationMs}ms→${attempt.status ?? attempt.error}`).join(', '),
        );
      return `[sent ${iso(this.agentSentAt.get(text))}, ${webhooks.join('; ')}, received ${iso(arrival?.at)} (${arrival?.stableId.slice(0, 8)})]`;
    });
    const deliveries = this.sim.state.webhookDeliveries.filter((delivery) => delivery.integrationId === this.integrationId);
    const faults: ChaosFaults = {
      workersKilled: this.workersKilled,
      jobsStalledByKill: this.jobsStalledByKill,
      stallRecoveredAfterMs: this.stallRecoveredAfterMs,
      redisRestarts: this.redisRestarts,
      genesys429: this.faults.fired[429],
      genesys500: this.faults.fired[500],
      genesysHangs: this.faults.fired.hang,
      genesysAcceptThen500: this.faults.fired.acceptThen500,
      webhookDuplicates: deliveries.filter((delivery) => delivery.duplicateOf).length,
      webhookReorders: deliveries.filter((delivery) => delivery.reordered).length,
      webhookGaveUp: deliveries.filter((delivery) => delivery.status === 'gave-up').length,
      bot503: this.receiver.injected503,
      botAcceptThen500: this.receiver.injectedAcceptThen500,
      sentDuringRedisOutage: this.sentDuringRedisOutage,
      socketOwnerKilled: this.socketOwnerKilled,
      socketTakeoverMs: this.socketTakeoverMs,
    };
    const undeliveredRows = ((await this.dataSource.query(
      "SELECT status, direction, COUNT(*) AS count FROM messages WHERE status <> 'delivered' GROUP BY status, direction",
    )) as { status: string; direction: string; count: number }[]).map((row) => ({ ...row, count: Number(row.count) }));
    const sum = (field: 'sent' | 'delivered' | 'lost' | 'duplicates' | 'orderViolations') => toGenesys[field] + toBot[field];
    const summary =
      `chaos: sent ${sum('sent')}, delivered ${sum('delivered')}, lost ${sum('lost')}, duplicates ${sum('duplicates')}, order violations ${sum('orderViolations')}, ` +
      `faults: kill -9 worker ×${faults.workersKilled} (${faults.socketOwnerKilled ? `the Notifications socket owner, taken over after ${faults.socketTakeoverMs === null ? 'never' : `${faults.socketTakeoverMs} ms`}; ` : ''}replaced; ${faults.jobsStalledByKill} jobs stalled, recovered ${faults.stallRecoveredAfterMs === null ? 'by the Redis restart' : `after ${Math.round(faults.stallRecoveredAfterMs / 1000)} s`}), Redis restart ×${faults.redisRestarts} (${faults.sentDuringRedisOutage} msgs sent while down), ` +
      `Genesys 429 ×${faults.genesys429}, 500 ×${faults.genesys500}, hang ×${faults.genesysHangs}, 500-after-accept ×${faults.genesysAcceptThen500}, ` +
      `webhook duplicate ×${faults.webhookDuplicates}, reorder ×${faults.webhookReorders}, bot 503 ×${faults.bot503}, bot 500-after-accept ×${faults.botAcceptThen500}; ` +
      `resends absorbed: Genesys ${toGenesys.resends}, bot ${toBot.resends}`;
    const queueState = undeliveredRows.length > 0 ? await this.queueState() : '';
    const webhookAnswerMs = percentiles(deliveries.flatMap((delivery) => delivery.attempts.map((attempt) => attempt.durationMs)));
    const endDetection: EndDetectionCount = { ended: 0, leftOpen: 0, notTold: 0, latencyMs: percentiles([]), examples: [] };
    return { toGenesys, toBot, webhookAnswerMs, faults, endDetection, undeliveredRows, durationMs: Date.now() - started, summary, processOutput: (max) => this.gateway.output(max), queueState };
  }

  /** The BullMQ side of what is still pending: its partitions' job counts and limits, and the sweeper's scheduler. */
  private async queueState(): Promise<string> {
    const pending = (await this.dataSource.query(
      "SELECT id, direction, conversation_key, sequence, attempts, last_error, created_at, updated_at FROM messages WHERE status = 'pending' ORDER BY conversation_key, sequence LIMIT 50",
    )) as Record<string, unknown>[];
    const rows = pending as { direction: string; conversation_key: string }[];
    const names = new Set(rows.map((row) => deliveryQueueName(row.direction === 'to-bot' ? QueueName.ToBot : QueueName.ToGenesys, row.conversation_key)));
    const connection = { url: this.redis.url, maxRetriesPerRequest: 1 };
    const prefix = this.gateway.env.QUEUE_PREFIX;
    const lines: string[] = [];
    const look = async (name: string, what: (queue: Queue) => Promise<string>) => {
      const queue = new Queue(name, { connection, prefix });
      try {
        lines.push(`${name}: ${await what(queue)}`);
      } catch (error) {
        lines.push(`${name}: ${(error as Error).message}`);
      } finally {
        await queue.close();
      }
    };
    await look(QueueName.OutboxSweep, async (queue) => `schedulers ${JSON.stringify(await queue.getJobSchedulers())}, counts ${JSON.stringify(await queue.getJobCounts())}`);
    for (const name of [...allDeliveryQueueNames(QueueName.ToGenesys), ...allDeliveryQueueNames(QueueName.ToBot)].filter((candidate) => names.has(candidate))) {
      await look(name, async (queue) => {
        const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'failed'], 0, 20);
        const described = await Promise.all(jobs.map(async (job) => `${job.id}:${await job.getState()}:${JSON.stringify(job.data).slice(0, 120)}${job.failedReason ? ` failed: ${job.failedReason}` : ''}`));
        return `globalConcurrency ${await queue.getGlobalConcurrency()}, counts ${JSON.stringify(await queue.getJobCounts())}, jobs ${described.join(' | ')}`;
      });
    }
    return `pending rows:\n${pending.map((row) => JSON.stringify(row)).join('\n')}\n${lines.join('\n')}`;
  }
}

/** The first copy of each stable id, in arrival order. */
function dedupe(arrivals: readonly Arrival[]): Arrival[] {
  const seen = new Set<string>();
  return arrivals.filter((arrival) => !seen.has(arrival.stableId) && seen.add(arrival.stableId));
}

/**
 * Lost, duplicated and reordered messages of one direction. `firstCopies` holds one arrival per stable id (the
 * receiver's view after its de-duplication); `resends` is how many further copies it absorbed.
 */
export function countDirection(
  sentAt: ReadonlyMap<string, number>,
  firstCopies: readonly Arrival[],
  resends: number,
  describe: (text: string) => string = () => '',
): DirectionCount {
  const examples: string[] = [];
  const note = (example: string) => examples.length < 20 && examples.push(example);
  const stableIdsByText = new Map<string, string[]>();
  for (const arrival of firstCopies) stableIdsByText.set(arrival.text, [...(stableIdsByText.get(arrival.text) ?? []), arrival.stableId]);
  const duplicates = [...stableIdsByText.entries()].filter(([, ids]) => ids.length > 1);
  for (const [text, ids] of duplicates) note(`duplicate ${text}: ${ids.length} stable ids`);
  const lost = [...sentAt.keys()].filter((text) => !stableIdsByText.has(text));
  for (const text of lost) note(`lost ${text}`);
  const unexpected = [...stableIdsByText.keys()].filter((text) => !sentAt.has(text));
  for (const text of unexpected) note(`unexpected ${JSON.stringify(text)}`);

  // Order: per conversation, each message's first arrival must come after the first arrival of every earlier one.
  let orderViolations = 0;
  const highest = new Map<string, number>();
  const seenTexts = new Set<string>();
  for (const arrival of firstCopies) {
    const match = TEXT.exec(arrival.text);
    if (!match || seenTexts.has(arrival.text)) continue;
    seenTexts.add(arrival.text);
    const [, conversation, seqText] = match;
    const seq = Number(seqText);
    const top = highest.get(conversation) ?? 0;
    if (seq < top) {
      orderViolations += 1;
      note(`order ${arrival.text} arrived after ${conversation}#${top}: ${arrival.text} ${describe(arrival.text)}; ${conversation}#${top} ${describe(`${conversation}#${top}`)}`);
    } else highest.set(conversation, seq);
  }

  const latencyMs = percentiles(firstCopies.filter((arrival) => sentAt.has(arrival.text)).map((arrival) => arrival.at - (sentAt.get(arrival.text) as number)));
  return {
    sent: sentAt.size,
    delivered: [...stableIdsByText.keys()].filter((text) => sentAt.has(text)).length,
    lost: lost.length,
    duplicates: duplicates.reduce((total, [, ids]) => total + ids.length - 1, 0),
    unexpected: unexpected.length,
    orderViolations,
    resends,
    latencyMs,
    examples,
  };
}

function percentiles(values: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
  return { p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0 };
}
