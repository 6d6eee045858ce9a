import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { InboundMessageRecord } from '@genesys-bridge/genesys-sim';
import { type BudgetPeriod, BudgetObserver } from './budget-observer';
import { OpenLoop, type OpenLoopRequest, type OpenLoopResult } from './open-loop';
import { API_KEY, type BenchStack, cpuTimeMs, InboundTail, startBenchStack, type Tenant, WEBHOOK_SECRET } from './stack';

/**
 * bench/handover: the handover gateway against its baselines, in one run (issue #4 acceptance). Real processes (the
 * gateway's HTTP process and workers, a private redis-server, SQLite), the Genesys simulator and the bot's callback
 * receiver in this process. In order:
 *
 * 1. user → agent, Genesys limit off: handovers started and user messages sent through the handover API, delivered
 *    by the to-genesys worker into the simulator (rate limit off, GENESYS_RATE_LIMIT_PER_MINUTE huge); messages/s
 *    Genesys received in steady state, with the API load capped at a backlog so the worker never idles.
 * 2. Webhook acknowledgement: Genesys' Open Messaging webhook (`POST /genesys/open-messaging/{connectionId}/webhook`,
 *    signed) at fixed rates, open loop, against the gateway's HTTP process and against a raw `node:http` process that
 *    only checks the HMAC (baseline.ts); p50/p99/max from each request's due time, and each server's CPU per request.
 *    The messages are agent messages of the handovers of 1. (routed, existing conversations); nothing consumes
 *    to-bot meanwhile.
 * 3. agent → user, limit off: a to-bot worker delivers what 2. stored to the bot's callback; messages/s.
 * 4. Genesys limit on: simulator 300 requests/min per access token (fixed window from its first request, 429 +
 *    Retry-After), GENESYS_RATE_LIMIT_PER_MINUTE=300, new handovers on another OAuth client, more user messages than
 *    the budget; the share of the budget Genesys accepted over whole minutes and every 429, with why it came.
 *
 * Every message is checked: lost, duplicated, reordered or unexpected = a broken run, exit 1. Missed aims are printed,
 * not failed.
 *
 *   npm run bench:handover                                      (≈ 5 minutes with the defaults below)
 *   HANDOVER_BENCH_ACK_RATES=50,200,500 HANDOVER_BENCH_ACK_SECONDS=10 HANDOVER_BENCH_CONVERSATIONS=100
 *   HANDOVER_BENCH_E2E_SECONDS=20 HANDOVER_BENCH_WORKERS=1 HANDOVER_BENCH_LIMITED_MINUTES=3 HANDOVER_BENCH_LIMITED_RATE=10
 *   HANDOVER_BENCH_LIMITED_AGENT_RATE=0 (agent messages/s in 4.: their receipts are Genesys calls too)
 *   HANDOVER_BENCH_PHASES=unlimited|limited  HANDOVER_BENCH_DATABASE=postgres  HANDOVER_BENCH_LOG_FILE=/tmp/gateway.log
 */

function numberFromEnv(name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, not ${JSON.stringify(raw)}`);
  return value;
}

function listFromEnv(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) throw new Error(`${name} must be a comma-separated list of positive numbers, not ${JSON.stringify(raw)}`);
  return values;
}

const settings = {
  /** Webhook rates (requests/s), each run for ackSeconds against the baseline, then the gateway. */
  ackRates: listFromEnv('HANDOVER_BENCH_ACK_RATES', [50, 200, 500]),
  ackSeconds: numberFromEnv('HANDOVER_BENCH_ACK_SECONDS', 10),
  ackWarmupSeconds: numberFromEnv('HANDOVER_BENCH_ACK_WARMUP_SECONDS', 3),
  /** Handovers of the unlimited phases (user → agent load, then the webhook's agent messages). */
  conversations: numberFromEnv('HANDOVER_BENCH_CONVERSATIONS', 100),
  e2eSeconds: numberFromEnv('HANDOVER_BENCH_E2E_SECONDS', 20),
  /** The API load keeps at most this many user messages accepted but not yet at Genesys (the worker never idles). */
  e2eBacklog: numberFromEnv('HANDOVER_BENCH_E2E_BACKLOG', 500),
  e2eConcurrency: numberFromEnv('HANDOVER_BENCH_E2E_CONCURRENCY', 8),
  /** Worker processes of the to-genesys phases (the to-bot drain runs one). */
  workers: numberFromEnv('HANDOVER_BENCH_WORKERS', 1),
  limitPerMinute: numberFromEnv('HANDOVER_BENCH_LIMIT_PER_MINUTE', 300),
  limitedMinutes: numberFromEnv('HANDOVER_BENCH_LIMITED_MINUTES', 3),
  /** User messages/s offered in the limited phase (10/s = 600/min, twice the default budget). */
  limitedRate: numberFromEnv('HANDOVER_BENCH_LIMITED_RATE', 10),
  limitedConversations: numberFromEnv('HANDOVER_BENCH_LIMITED_CONVERSATIONS', 50),
  /** The load goes on this long after the measured minutes, so what happens at their last window boundary is seen too. */
  limitedTailSeconds: numberFromEnv('HANDOVER_BENCH_LIMITED_TAIL_SECONDS', 15, { allowZero: true }),
  /** Agent messages/s posted to the webhook during the limited phase (their Delivered receipts are Genesys calls too). */
  limitedAgentRate: numberFromEnv('HANDOVER_BENCH_LIMITED_AGENT_RATE', 0, { allowZero: true }),
  drainTimeoutSeconds: numberFromEnv('HANDOVER_BENCH_DRAIN_TIMEOUT_SECONDS', 180),
  logLevel: process.env.HANDOVER_BENCH_LOG_LEVEL || 'warn',
  logFile: process.env.HANDOVER_BENCH_LOG_FILE,
  postgres: process.env.HANDOVER_BENCH_DATABASE === 'postgres',
  /** NODE_OPTIONS for the gateway's HTTP process, e.g. `--require ./profiler.js` (NODE_OPTIONS refuses --cpu-prof). */
  httpNodeOptions: process.env.HANDOVER_BENCH_HTTP_NODE_OPTIONS || undefined,
  /** `unlimited` (webhook ack, both directions with the limit off), `limited`, or both (default). */
  phases: (process.env.HANDOVER_BENCH_PHASES || 'unlimited,limited').split(',').map((phase) => phase.trim()),
};
for (const phase of settings.phases) if (phase !== 'unlimited' && phase !== 'limited') throw new Error(`HANDOVER_BENCH_PHASES: unknown phase ${JSON.stringify(phase)} (unlimited, limited)`);

/** Way above anything the machine can send: the gateway's budget never binds in the unlimited phases. */
const UNLIMITED = String(1_000_000_000);
const TO_GENESYS_QUEUES = 'to-genesys,outbox-sweep';

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const signature = (body: string) => `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('base64')}`;

interface Conversation {
  label: string;
  handoverId?: string;
  customerId: string;
  genesysConversationId?: string;
  userSeq: number;
  agentSeq: number;
  /** Calls of one conversation go one after the other (its messages are numbered in the order they were sent). */
  chain: Promise<void>;
}

/** What was sent in one direction, and when: text `label#seq` → epoch ms. */
type SentLog = Map<string, number>;

interface DirectionCheck {
  sent: number;
  delivered: number;
  lost: number;
  duplicates: number;
  orderViolations: number;
  unexpected: number;
  examples: string[];
}

/** Lost, duplicated (one text under two stable ids), reordered and unexpected messages of one direction. */
function check(sent: ReadonlyMap<string, number>, arrivals: readonly { stableId: string; text: string }[], { mayHaveArrived = new Set<string>(), pendingOk = new Set<string>() } = {}): DirectionCheck {
  const examples: string[] = [];
  const note = (line: string) => examples.length < 10 && examples.push(line);
  const seenIds = new Set<string>();
  const idsByText = new Map<string, Set<string>>();
  const order: string[] = [];
  for (const arrival of arrivals) {
    if (seenIds.has(arrival.stableId)) continue; // a resend of the same message, absorbed by the receiver's dedupe
    seenIds.add(arrival.stableId);
    if (!idsByText.has(arrival.text)) {
      idsByText.set(arrival.text, new Set());
      order.push(arrival.text);
    }
    idsByText.get(arrival.text)?.add(arrival.stableId);
  }
  let duplicates = 0;
  for (const [text, ids] of idsByText) {
    if (ids.size === 1) continue;
    duplicates += ids.size - 1;
    note(`duplicate ${text}`);
  }
  const lost = [...sent.keys()].filter((text) => !idsByText.has(text) && !pendingOk.has(text));
  lost.forEach((text) => note(`lost ${text}`));
  const unexpected = [...idsByText.keys()].filter((text) => !sent.has(text) && !mayHaveArrived.has(text));
  unexpected.forEach((text) => note(`unexpected ${JSON.stringify(text)}`));
  // Order: per conversation, each message's first arrival must come after the first arrival of every earlier one.
  let orderViolations = 0;
  const highest = new Map<string, number>();
  for (const text of order) {
    const [label, seqText] = text.split('#');
    const seq = Number(seqText);
    const top = highest.get(label) ?? 0;
    if (seq < top) {
      orderViolations += 1;
      note(`order: ${text} after ${label}#${top}`);
    } else highest.set(label, seq);
  }
  return { sent: sent.size, delivered: [...idsByText.keys()].filter((text) => sent.has(text)).length, lost: lost.length, duplicates, orderViolations, unexpected: unexpected.length, examples };
}

const broken = (result: DirectionCheck) => result.lost + result.duplicates + result.orderViolations + result.unexpected > 0;
const describe = (result: DirectionCheck) =>
  `sent ${result.sent}, delivered ${result.delivered}, lost ${result.lost}, duplicates ${result.duplicates}, order violations ${result.orderViolations}, unexpected ${result.unexpected}`;

const genesysArrivals = (records: readonly InboundMessageRecord[]) =>
  records.map((record) => {
    const body = record.body as { text?: string; channel?: { messageId?: string } };
    return { stableId: body.channel?.messageId ?? '', text: body.text ?? '', at: Date.parse(record.receivedAt) };
  });

/** Calls `fire(i)` at start + i / rate until `stopAt`; resolves with how many it fired. */
async function paced(rate: number, stopAt: () => number, fire: (index: number) => void): Promise<number> {
  const start = performance.now();
  const wallStart = Date.now();
  let next = 0;
  for (;;) {
    const now = performance.now();
    while (start + (next * 1_000) / rate <= now) {
      if (wallStart + (next * 1_000) / rate >= stopAt()) return next;
      fire(next++);
    }
    await sleep(Math.max(1, Math.floor(start + (next * 1_000) / rate - performance.now())));
  }
}

class HandoverBench {
  private readonly api: Pool;
  private readonly failures: string[] = [];
  readonly report: string[] = [];

  constructor(private readonly stack: BenchStack) {
    this.api = new Pool(stack.gateway.url, { connections: 32, keepAliveTimeout: 60_000 });
  }

  close(): Promise<void> {
    return this.api.close();
  }

  /** The first query parameter in the database's syntax. */
  private get parameter(): string {
    return this.stack.database === 'SQLite' ? '?' : '$1';
  }

  get broken(): string[] {
    return this.failures;
  }

  /** POST to the handover API; a network error or 5xx is retried with the same body (the messageId makes it idempotent). */
  private async post(tenant: Tenant, path: string, body: unknown): Promise<Record<string, unknown>> {
    let last = '';
    for (let attempt = 1; attempt <= 20; attempt++) {
      try {
        const response = await this.api.request({
          method: 'POST',
          path: `/handovers/${tenant.connectionId}${path}`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
          body: JSON.stringify(body),
        });
        const answer = (await response.body.json()) as Record<string, unknown>;
        if (response.statusCode === 200 || response.statusCode === 202) return answer;
        last = `${response.statusCode} ${JSON.stringify(answer)}`;
        if (response.statusCode < 500) break;
      } catch (error) {
        last = String(error);
      }
      await sleep(200);
    }
    throw new Error(`handover API POST /handovers/{connectionId}${path} failed: ${last}`);
  }

  private conversations(prefix: string, count: number): Conversation[] {
    return Array.from({ length: count }, (_, index) => {
      const label = `${prefix}${String(index + 1).padStart(3, '0')}`;
      return { label, customerId: `${label}-${randomUUID().slice(0, 8)}@example.com`, userSeq: 0, agentSeq: 0, chain: Promise.resolve() };
    });
  }

  /** Starts the handover (its first user message is `label#1`) or sends the conversation's next user message. */
  private async sendUser(tenant: Tenant, conversation: Conversation, sent: SentLog, tried?: Set<string>): Promise<void> {
    const seq = ++conversation.userSeq;
    const text = `${conversation.label}#${seq}`;
    tried?.add(text);
    if (!conversation.handoverId) {
      const answer = await this.post(tenant, '', {
        conversationId: `bench-${conversation.label}-${randomUUID()}`,
        customer: { id: conversation.customerId, idType: 'Email', nickname: `User ${conversation.label}` },
        queueName: 'Support',
        firstMessage: { messageId: `${conversation.label}-u${seq}`, text },
        callbackUrl: this.stack.callbackUrl,
      });
      conversation.handoverId = answer.handoverId as string;
    } else {
      await this.post(tenant, `/${conversation.handoverId}/messages`, { messageId: `${conversation.label}-u${seq}`, text });
    }
    sent.set(text, Date.now());
  }

  /** Notes the Genesys conversation of every handover the worker has opened. */
  private async refreshAttachments(tenant: Tenant, conversations: readonly Conversation[]): Promise<number> {
    const rows: { id: string; genesys_conversation_id: string | null }[] = await this.stack.dataSource.query(
      `SELECT id, genesys_conversation_id FROM handovers WHERE connection_id = ${this.parameter} AND genesys_conversation_id IS NOT NULL`,
      [tenant.connectionId],
    );
    const attached = new Map(rows.map((row) => [row.id, row.genesys_conversation_id ?? undefined]));
    for (const conversation of conversations) if (conversation.handoverId) conversation.genesysConversationId ??= attached.get(conversation.handoverId);
    return conversations.filter((conversation) => conversation.genesysConversationId).length;
  }

  /** An agent's text as Genesys posts it to the webhook (genesys-api.md §2.5), signed. */
  private agentMessage(tenant: Tenant, conversation: Conversation, text: string, timeMs: number): OpenLoopRequest {
    const id = randomUUID().replace(/-/g, '');
    const body = JSON.stringify({
      id,
      channel: {
        id: tenant.integrationId,
        platform: 'Open',
        type: 'Private',
        messageId: id,
        to: { id: conversation.customerId, idType: 'Email' },
        from: { nickname: 'bench agents', id: tenant.integrationId, idType: 'Opaque' },
        time: new Date(timeMs).toISOString(),
      },
      conversationId: conversation.genesysConversationId,
      direction: 'Outbound',
      originatingEntity: 'Human',
      type: 'Text',
      text,
      content: [],
    });
    return { path: `/genesys/open-messaging/${tenant.connectionId}/webhook`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(body) }, body };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 1. user → agent with the Genesys limit off

  async userToAgent(conversations: Conversation[]): Promise<void> {
    const { stack } = this;
    const tenant = stack.open;
    const sent: SentLog = new Map();
    const tail = new InboundTail(stack.sim, tenant.integrationId);
    log(`e2e: ${conversations.length} handovers starting (${settings.workers} worker process(es), to-genesys budget off, simulator limit off)`);
    for (let i = 0; i < conversations.length; i += 20) await Promise.all(conversations.slice(i, i + 20).map((conversation) => this.sendUser(tenant, conversation, sent)));
    const attachedBy = Date.now() + 60_000;
    while ((await this.refreshAttachments(tenant, conversations)) < conversations.length) {
      if (Date.now() > attachedBy) throw new Error('not every handover got its Genesys conversation within 60 s');
      await sleep(100);
    }

    const t0 = Date.now();
    const endAt = t0 + settings.e2eSeconds * 1_000;
    const warmMs = Math.min(5_000, (settings.e2eSeconds * 1_000) / 4);
    const busy = new Set<Conversation>();
    let next = 0;
    let received = tail.poll().length;
    /** The next conversation (round robin) without a call in flight. */
    const pickFree = (): Conversation | undefined => {
      for (let offset = 0; offset < conversations.length; offset++) {
        const candidate = conversations[(next + offset) % conversations.length];
        if (busy.has(candidate)) continue;
        next = (next + offset + 1) % conversations.length;
        return candidate;
      }
      return undefined;
    };
    const sender = async () => {
      while (Date.now() < endAt) {
        received += tail.poll().length;
        const conversation = sent.size - received < settings.e2eBacklog ? pickFree() : undefined;
        if (!conversation) {
          await sleep(5);
          continue;
        }
        busy.add(conversation);
        await this.sendUser(tenant, conversation, sent).finally(() => busy.delete(conversation));
      }
    };
    const progress = setInterval(() => {
      received += tail.poll().length;
      log(`e2e: ${Math.round((Date.now() - t0) / 1000)} s, API accepted ${sent.size}, Genesys received ${received}, backlog ${sent.size - received}`);
    }, 5_000);
    try {
      await Promise.all(Array.from({ length: settings.e2eConcurrency }, () => sender()));
    } finally {
      clearInterval(progress);
    }
    const drainBy = Date.now() + settings.drainTimeoutSeconds * 1_000;
    for (;;) {
      tail.poll();
      const texts = new Set(genesysArrivals(tail.records).map((arrival) => arrival.text));
      const missing = [...sent.keys()].filter((text) => !texts.has(text)).length;
      if (missing === 0 || Date.now() > drainBy) break;
      await sleep(100);
    }
    const arrivals = genesysArrivals(tail.records);
    const result = check(sent, arrivals);
    const firstCopies = dedupeById(arrivals);
    const steady = firstCopies.filter((arrival) => arrival.at >= t0 + warmMs && arrival.at < endAt).length / ((endAt - t0 - warmMs) / 1000);
    const apiSteady = [...sent.values()].filter((at) => at >= t0 + warmMs && at < endAt).length / ((endAt - t0 - warmMs) / 1000);
    const after = firstCopies.filter((arrival) => arrival.at >= endAt);
    const drainRate = after.length > 1 ? after.length / ((after[after.length - 1].at - endAt) / 1000) : 0;
    const line =
      `user → agent, limit off: ${round(steady)} messages/s delivered to Genesys in steady state (API accepting ${round(apiSteady)}/s at the same time, ` +
      `${settings.e2eConcurrency} API calls in flight, backlog capped at ${settings.e2eBacklog}), ${round(drainRate)}/s draining the last ${after.length} after the API load stopped; ` +
      `${conversations.length} conversations, ${settings.workers} worker process(es), ${round((endAt - t0 - warmMs) / 1000)} s measured`;
    log(line);
    log(`e2e: check: ${describe(result)}`);
    this.report.push(line, `  check: ${describe(result)}`);
    if (broken(result)) this.failures.push(`user → agent (limit off): ${describe(result)}; ${result.examples.join('; ')}`);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 2. webhook acknowledgement, gateway vs raw node:http; 3. the agent messages it stored, delivered to the bot

  async webhookAck(conversations: Conversation[]): Promise<{ agentSent: SentLog; agentBuilt: Set<string> }> {
    const { stack } = this;
    const tenant = stack.open;
    const agentSent: SentLog = new Map();
    const agentBuilt = new Set<string>();
    const gatewayLoad = new OpenLoop(stack.gateway.url);
    const baselineLoad = new OpenLoop(stack.baselineUrl);
    let baselineCounter = 0;
    const baselineBody = (_index: number, due: number) => this.agentMessage(tenant, conversations[baselineCounter++ % conversations.length], `baseline#${baselineCounter}`, due);
    /** A run, and the CPU time the server process used per request during it (ms; all its threads, not Redis'). */
    const measured = async (pid: number | undefined, run: () => Promise<OpenLoopResult>) => {
      const before = cpuTimeMs(pid);
      const result = await run();
      const after = cpuTimeMs(pid);
      return { ...result, cpuMsPerRequest: before === undefined || after === undefined ? undefined : (after - before) / result.scheduled };
    };
    const baselineRun = (rate: number, seconds: number) => measured(stack.baselinePid, () => baselineLoad.run(rate, seconds, baselineBody));
    const gatewayRun = (rate: number, seconds: number) => measured(stack.gateway.http?.child.pid, () => gatewayLoadRun(rate, seconds));
    const gatewayLoadRun = async (rate: number, seconds: number) => {
      const texts: { text: string; due: number }[] = [];
      const result = await gatewayLoad.run(rate, seconds, (index, due) => {
        const conversation = conversations[index % conversations.length];
        const text = `${conversation.label}#${++conversation.agentSeq}`;
        texts[index] = { text, due };
        agentBuilt.add(text);
        return this.agentMessage(tenant, conversation, text, due);
      });
      for (const index of result.acceptedIndexes) agentSent.set(texts[index].text, texts[index].due);
      return result;
    };
    try {
      log(`webhook: warming up both servers (${settings.ackWarmupSeconds} s at 100/s each); messages go to the ${conversations.length} handovers above (agent messages of routed conversations), no worker consumes to-bot meanwhile`);
      await baselineRun(100, settings.ackWarmupSeconds);
      await gatewayRun(100, settings.ackWarmupSeconds);
      const rows: { rate: number; baseline: Measured; gateway: Measured }[] = [];
      for (const rate of settings.ackRates) {
        await sleep(1_000);
        const baseline = await baselineRun(rate, settings.ackSeconds);
        await sleep(1_000);
        const gateway = await gatewayRun(rate, settings.ackSeconds);
        rows.push({ rate, baseline, gateway });
        log(`webhook @${rate}/s: baseline p50 ${ms(baseline.latencyMs.p50)} p99 ${ms(baseline.latencyMs.p99)} max ${ms(baseline.latencyMs.max)} · gateway p50 ${ms(gateway.latencyMs.p50)} p99 ${ms(gateway.latencyMs.p99)} max ${ms(gateway.latencyMs.max)} ms · gateway non-200 ${JSON.stringify(gateway.failures)}`);
      }
      const table = [
        `webhook acknowledgement, open loop, ${settings.ackSeconds} s per run, latency from each request's due time (ms):`,
        '| rate/s | server | p50 | p90 | p99 | max | answered 200 | other | answered/s | server CPU ms/request | generator lag p99 |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
        ...rows.flatMap(({ rate, baseline, gateway }) => [
          `| ${rate} | raw node:http + HMAC | ${ms(baseline.latencyMs.p50)} | ${ms(baseline.latencyMs.p90)} | ${ms(baseline.latencyMs.p99)} | ${ms(baseline.latencyMs.max)} | ${baseline.ok}/${baseline.scheduled} | ${failureText(baseline)} | ${Math.round(baseline.answeredPerSecond)} | ${cpuText(baseline)} | ${ms(baseline.fireLagMs.p99)} |`,
          `| ${rate} | handover-gateway | ${ms(gateway.latencyMs.p50)} | ${ms(gateway.latencyMs.p90)} | ${ms(gateway.latencyMs.p99)} | ${ms(gateway.latencyMs.max)} | ${gateway.ok}/${gateway.scheduled} | ${failureText(gateway)} | ${Math.round(gateway.answeredPerSecond)} | ${cpuText(gateway)} | ${ms(gateway.fireLagMs.p99)} |`,
        ]),
        ...rows.map(
          ({ rate, baseline, gateway }) =>
            `@${rate}/s the gateway adds p50 ${ms(gateway.latencyMs.p50 - baseline.latencyMs.p50)} ms, p99 ${ms(gateway.latencyMs.p99 - baseline.latencyMs.p99)} ms (p99 ×${round(gateway.latencyMs.p99 / Math.max(0.001, baseline.latencyMs.p99))} the baseline's)` +
            ` — target p50 < 20 ms, p99 < 100 ms (perf-reliability.md §3): ${gateway.latencyMs.p50 < 20 && gateway.latencyMs.p99 < 100 && gateway.ok === gateway.scheduled ? 'met' : 'NOT met'}`,
        ),
      ];
      for (const line of table) console.log(line);
      this.report.push(...table);
    } finally {
      await Promise.all([gatewayLoad.close(), baselineLoad.close()]);
    }
    return { agentSent, agentBuilt };
  }

  /** The agent messages the webhook phase stored: one to-bot worker delivers them to the bot's callback. */
  async agentToUser(agentSent: SentLog, agentBuilt: Set<string>): Promise<void> {
    const { stack } = this;
    log(`agent → user: starting a to-bot worker for the ${agentSent.size} stored agent messages (Delivered receipt to Genesys for each)`);
    await stack.gateway.startWorker('to-bot', { WORKER_QUEUES: 'to-bot', GENESYS_RATE_LIMIT_PER_MINUTE: UNLIMITED });
    const started = Date.now();
    const drainBy = started + settings.drainTimeoutSeconds * 1_000;
    let lastLog = Date.now();
    for (;;) {
      const texts = new Set(stack.receiver.arrivals.map((arrival) => arrival.text));
      const missing = [...agentSent.keys()].filter((text) => !texts.has(text)).length;
      if (missing === 0 || Date.now() > drainBy) break;
      if (Date.now() - lastLog >= 5_000) {
        log(`agent → user: ${stack.receiver.arrivals.length} delivered, ${missing} to go`);
        lastLog = Date.now();
      }
      await sleep(200);
    }
    const arrivals = stack.receiver.arrivals.map((arrival) => ({ stableId: arrival.key, text: arrival.text, at: arrival.at }));
    // A webhook answered with an error may still have been stored (Genesys would resend it): such a text may arrive.
    const result = check(agentSent, arrivals, { mayHaveArrived: agentBuilt });
    const first = arrivals[0]?.at ?? started;
    const last = arrivals.at(-1)?.at ?? started;
    const rate = arrivals.length > 1 ? arrivals.length / ((last - first) / 1000) : 0;
    const conversationCount = new Set(arrivals.map((arrival) => arrival.text.split('#')[0])).size;
    const line =
      `agent → user, limit off: ${round(rate)} messages/s delivered to the bot callback (a backlog of ${arrivals.length} over ${conversationCount} conversations, ` +
      `1 worker process, TO_BOT_* defaults; each message also posts its Delivered receipt to Genesys)`;
    log(line);
    log(`agent → user: check: ${describe(result)}, resends absorbed ${stack.receiver.resends}`);
    this.report.push(line, `  check: ${describe(result)}`);
    if (broken(result)) this.failures.push(`agent → user: ${describe(result)}; ${result.examples.join('; ')}`);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 4. the Genesys limit on

  async limited(): Promise<{ share: number; rejected: number }> {
    const { stack } = this;
    const tenant = stack.limited;
    const { limitPerMinute, limitedMinutes, limitedRate, limitedAgentRate } = settings;
    stack.sim.options.rateLimit = { limit: limitPerMinute, windowMs: 60_000 };
    const withAgents = limitedAgentRate > 0;
    log(
      `limited: simulator ${limitPerMinute} requests/min per token (fixed window from its first request, 429 + Retry-After beyond), ` +
        `GENESYS_RATE_LIMIT_PER_MINUTE=${limitPerMinute}; offering ${limitedRate} user messages/s over ${settings.limitedConversations} new handovers` +
        `${withAgents ? ` and ${limitedAgentRate} agent messages/s through the webhook` : ''} for ${limitedMinutes} min (+ ${settings.limitedTailSeconds} s); ${settings.workers} worker process(es)`,
    );
    const observer = new BudgetObserver(stack.gateway.env.REDIS_URL, stack.gateway.env.QUEUE_PREFIX, tenant.clientId, limitPerMinute);
    for (let w = 1; w <= settings.workers; w++) {
      await stack.gateway.startWorker(`limited-${w}`, {
        GENESYS_RATE_LIMIT_PER_MINUTE: String(limitPerMinute),
        WORKER_QUEUES: withAgents ? `${TO_GENESYS_QUEUES},to-bot` : TO_GENESYS_QUEUES,
      });
    }
    const conversations = this.conversations('l', settings.limitedConversations);
    const sent: SentLog = new Map();
    const tried = new Set<string>();
    const agentSent: SentLog = new Map();
    const agentBuilt = new Set<string>();
    const tail = new InboundTail(stack.sim, tenant.integrationId);
    const requestsBefore = stack.sim.state.apiRequests.length;
    const calls = () => stack.sim.state.apiRequests.slice(requestsBefore).filter((request) => request.clientId === tenant.clientId && request.url.startsWith('/api/'));
    let windowStart = Number.POSITIVE_INFINITY;
    const windowEnd = () => windowStart + limitedMinutes * 60_000;
    const loadEnd = () => windowEnd() + settings.limitedTailSeconds * 1_000;
    let apiErrors = 0;

    const webhook = new Pool(stack.gateway.url, { connections: 16 });
    const agentLoad = withAgents
      ? (async () => {
          let turn = 0;
          let webhookFailures = 0;
          await paced(limitedAgentRate, loadEnd, () => {
            const routed = conversations.filter((conversation) => conversation.genesysConversationId);
            if (routed.length === 0) return;
            const conversation = routed[turn++ % routed.length];
            const text = `${conversation.label}#${++conversation.agentSeq}`;
            const due = Date.now();
            agentBuilt.add(text);
            const request = this.agentMessage(tenant, conversation, text, due);
            webhook
              .request({ method: 'POST', ...request })
              .then(async (response) => {
                await response.body.text();
                if (response.statusCode === 200) agentSent.set(text, due);
                else webhookFailures += 1;
              })
              .catch(() => (webhookFailures += 1));
          });
          return webhookFailures;
        })()
      : Promise.resolve(0);
    const watcher = (async () => {
      while (Date.now() < loadEnd()) {
        await this.refreshAttachments(tenant, conversations);
        await sleep(500);
      }
    })();

    const t0 = Date.now();
    let lastLog = t0;
    const userLoad = paced(limitedRate, loadEnd, (index) => {
      const conversation = conversations[index % conversations.length];
      conversation.chain = conversation.chain.then(() =>
        this.sendUser(tenant, conversation, sent, tried).catch((error: unknown) => {
          apiErrors += 1;
          log(`limited: ${(error as Error).message}`);
        }),
      );
    });
    // The budget is measured over whole minutes from the first request Genesys accepted (its window starts there).
    while (Date.now() < loadEnd()) {
      if (!Number.isFinite(windowStart)) {
        const first = calls().find((request) => request.status < 400);
        if (first) windowStart = Date.parse(first.receivedAt);
        else if (Date.now() - t0 > 60_000) throw new Error(`Genesys accepted no request of the limited client within 60 s\n${stack.gateway.output()}`);
      }
      if (Date.now() - lastLog >= 10_000) {
        lastLog = Date.now();
        const made = calls();
        tail.poll();
        log(
          `limited: ${Math.round((Date.now() - t0) / 1000)} s, API accepted ${sent.size} user messages, Genesys accepted ${made.filter((request) => request.status < 400).length} requests, ` +
            `429 ×${made.filter((request) => request.status === 429).length}, backlog ${sent.size - dedupeById(genesysArrivals(tail.records)).length}`,
        );
      }
      await sleep(200);
    }
    const offered = await userLoad;
    await Promise.all(conversations.map((conversation) => conversation.chain));
    const webhookFailures = await agentLoad;
    await watcher;
    await webhook.close();
    // Agent messages are not budget-bound (only their receipts are): let the last ones reach the bot.
    if (withAgents) {
      const by = Date.now() + 30_000;
      while (Date.now() < by && [...agentSent.keys()].some((text) => !stack.receiver.arrivals.some((arrival) => arrival.text === text))) await sleep(250);
    }
    for (let w = 1; w <= settings.workers; w++) await stack.gateway.stopWorker(`limited-${w}`);
    await observer.stop();

    const made = calls();
    const at = (request: { receivedAt: string }) => Date.parse(request.receivedAt);
    const inWindow = made.filter((request) => at(request) >= windowStart && at(request) < windowEnd());
    const acceptedInWindow = inWindow.filter((request) => request.status < 400);
    const rejected = made.filter((request) => request.status === 429);
    const kind = (url: string) => (url.includes('/inbound/open/message') ? 'message' : url.includes('/inbound/open/receipt') ? 'receipt' : 'other');
    const countBy = (requests: typeof made) => requests.reduce<Record<string, number>>((counts, request) => ({ ...counts, [kind(request.url)]: (counts[kind(request.url)] ?? 0) + 1 }), {});
    const budget = limitPerMinute * limitedMinutes;
    const share = acceptedInWindow.length / budget;
    const perMinute = Array.from({ length: limitedMinutes }, (_, minute) => acceptedInWindow.filter((request) => at(request) >= windowStart + minute * 60_000 && at(request) < windowStart + (minute + 1) * 60_000).length);
    const rejectionTimes = rejected.map((request) => `+${((at(request) - windowStart) / 1000).toFixed(1)} s (${kind(request.url)})`);
    // The simulator's fixed windows (per token): each opens with the first request accepted after the previous closed.
    const simWindows: number[] = [];
    for (const request of [...made].filter((candidate) => candidate.status < 400).sort((a, b) => at(a) - at(b))) {
      const last = simWindows.at(-1);
      if (last === undefined || at(request) >= last + 60_000) simWindows.push(at(request));
    }
    const relative = (epochMs: number) => `${epochMs >= windowStart ? '+' : ''}${((epochMs - windowStart) / 1000).toFixed(2)} s`;
    const causes = rejectionCauses(
      rejected.map((request) => ({ at: at(request), kind: kind(request.url) })),
      simWindows,
      observer.periods,
    );
    const tokens = stack.sim.state.tokensIssued.filter((token) => token.clientId === tenant.clientId).length;

    // Integrity: nothing Genesys accepted twice or out of order, no row failed, every row marked delivered reached Genesys.
    tail.poll();
    const arrivals = genesysArrivals(tail.records);
    const rows: { id: string; status: string }[] = await stack.dataSource.query(
      `SELECT id, status FROM messages WHERE connection_id = ${this.parameter} AND direction = 'to-genesys'`,
      [tenant.connectionId],
    );
    const receivedIds = new Set(arrivals.map((arrival) => arrival.stableId));
    const deliveredNotReceived = rows.filter((row) => row.status === 'delivered' && !receivedIds.has(row.id)).length;
    const failedRows = rows.filter((row) => row.status === 'failed').length;
    const pendingRows = rows.filter((row) => row.status === 'pending').length;
    const arrivedTexts = new Set(arrivals.map((arrival) => arrival.text));
    const stillPending = new Set([...sent.keys()].filter((text) => !arrivedTexts.has(text)));
    const result = check(sent, arrivals, { pendingOk: stillPending, mayHaveArrived: tried });
    const lines = [
      `Genesys limit on (${limitPerMinute}/min per OAuth client): ${offered} user messages offered at ${limitedRate}/s over ${settings.limitedConversations} handovers${withAgents ? ` + ${agentSent.size} agent messages at ${limitedAgentRate}/s` : ''}, ${settings.workers} worker process(es), ${tokens} access token(s) used`,
      `  budget used: ${acceptedInWindow.length} Genesys API requests accepted in the ${limitedMinutes} min from the first one (${JSON.stringify(countBy(acceptedInWindow))}) = ${(share * 100).toFixed(1)} % of ${budget}; per minute ${perMinute.join(', ')} — aim > 90 %: ${share > 0.9 ? 'met' : 'NOT met'}`,
      `  429s answered by Genesys: ${rejected.length}${rejected.length > 0 ? ` (${JSON.stringify(countBy(rejected))}; at ${summarizeTimes(rejectionTimes)})` : ''} — all avoidable (nothing else used this client); aim 0: ${rejected.length === 0 ? 'met' : 'NOT met'}`,
      `  OAuth token calls are not API requests: the simulator does not count them against the limit, nor does the gateway's budget; excluded above (${tokens} token(s) issued)`,
      `  windows (relative to Genesys' first accepted request): Genesys ${simWindows.map(relative).join(', ')}; gateway budget ${describeBudgetPeriods(observer.periods, relative)}`,
      ...causes,
      `  rows: ${rows.length - pendingRows - failedRows} delivered, ${pendingRows} still pending (over budget), ${failedRows} failed; user messages ${describe(result)} (pending ones not counted lost); API errors ${apiErrors}`,
    ];
    if (withAgents) {
      const agentArrivals = stack.receiver.arrivals.map((arrival) => ({ stableId: arrival.key, text: arrival.text }));
      const agentResult = check(agentSent, agentArrivals.filter((arrival) => arrival.text.startsWith('l')), { mayHaveArrived: agentBuilt });
      lines.push(`  agent messages: ${describe(agentResult)}; webhook non-200 ${webhookFailures}`);
      if (broken(agentResult)) this.failures.push(`agent → user (limit on): ${describe(agentResult)}; ${agentResult.examples.join('; ')}`);
    }
    for (const line of lines) log(line);
    this.report.push(...lines);
    if (broken(result) || failedRows > 0 || deliveredNotReceived > 0) {
      this.failures.push(`user → agent (limit on): ${describe(result)}, failed rows ${failedRows}, delivered rows Genesys never accepted ${deliveredNotReceived}; ${result.examples.join('; ')}`);
    }
    return { share, rejected: rejected.length };
  }

  async run(): Promise<void> {
    if (settings.phases.includes('unlimited')) {
      const conversations = this.conversations('c', settings.conversations);
      for (let w = 1; w <= settings.workers; w++) await this.stack.gateway.startWorker(`open-${w}`, { WORKER_QUEUES: TO_GENESYS_QUEUES, GENESYS_RATE_LIMIT_PER_MINUTE: UNLIMITED });
      await this.userToAgent(conversations);
      const { agentSent, agentBuilt } = await this.webhookAck(conversations);
      await this.agentToUser(agentSent, agentBuilt);
      await this.stack.gateway.stopWorkers();
    }
    if (settings.phases.includes('limited')) await this.limited();
  }
}

/**
 * Why each 429 came: a Delivered receipt (those calls take nothing from the budget); a budgeted call sent in a newer
 * gateway window than Genesys' current one (the gateway's window reopened first: a race at the boundary); or a
 * budgeted call while both windows were the same and Genesys' was already full (points spent outside the budget, or
 * counted afresh after a block).
 */
function rejectionCauses(rejected: readonly { at: number; kind: string }[], simWindows: readonly number[], budget: readonly BudgetPeriod[]): string[] {
  const receipts = rejected.filter((request) => request.kind === 'receipt');
  const race: number[] = [];
  const full: number[] = [];
  for (const request of rejected.filter((candidate) => candidate.kind !== 'receipt')) {
    const genesysOpened = simWindows.filter((start) => start <= request.at).at(-1) ?? request.at;
    const gatewayOpened = budget.filter((period) => period.kind === 'window' && period.from <= request.at).at(-1)?.from ?? request.at;
    if (gatewayOpened > genesysOpened + 30_000) race.push(genesysOpened + 60_000 - request.at);
    else full.push(genesysOpened + 60_000 - request.at);
  }
  const span = (values: readonly number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;
  return [
    ...(race.length > 0 ? [`  429 ×${race.length} at a window boundary: the gateway's window had reopened, Genesys' had not (they arrived ${span(race)} before it did)`] : []),
    ...(full.length > 0 ? [`  429 ×${full.length} in a Genesys window already full while the gateway's budget still had points (${span(full)} before it reopened)`] : []),
    ...(receipts.length > 0 ? [`  429 ×${receipts.length} on Delivered receipts, which take no point from the budget (a refused receipt is logged and dropped)`] : []),
  ];
}

function dedupeById<T extends { stableId: string }>(arrivals: readonly T[]): T[] {
  const seen = new Set<string>();
  return arrivals.filter((arrival) => !seen.has(arrival.stableId) && seen.add(arrival.stableId));
}

type Measured = OpenLoopResult & { cpuMsPerRequest: number | undefined };

function cpuText(result: Measured): string {
  return result.cpuMsPerRequest === undefined ? '?' : result.cpuMsPerRequest.toFixed(2);
}

function ms(value: number): string {
  return value.toFixed(1);
}

function failureText(result: OpenLoopResult): string {
  const entries = Object.entries(result.failures);
  return entries.length === 0 ? '0' : entries.map(([what, count]) => `${what} ×${count}`).join(', ');
}

/** "+60.01 s (message) ×3, +120.02 s (message)": consecutive equal entries grouped. */
function summarizeTimes(times: readonly string[]): string {
  const groups: { what: string; count: number }[] = [];
  for (const time of times) {
    const last = groups.at(-1);
    if (last && last.what === time) last.count += 1;
    else groups.push({ what: time, count: 1 });
  }
  const text = groups.slice(0, 12).map((group) => `${group.what}${group.count > 1 ? ` ×${group.count}` : ''}`);
  return `${text.join(', ')}${groups.length > 12 ? ', …' : ''}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const cpu = cpus();
  log(`bench/handover: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; settings ${JSON.stringify({ ...settings, logFile: undefined })}`);
  const stack = await startBenchStack({ logLevel: settings.logLevel, postgres: settings.postgres, httpNodeOptions: settings.httpNodeOptions });
  log(`stack up: ${stack.database}, private redis-server, gateway HTTP process, webhook baseline process, Genesys simulator and bot callback in this process`);
  const bench = new HandoverBench(stack);
  try {
    await bench.run();
  } finally {
    if (settings.logFile) writeFileSync(settings.logFile, stack.gateway.output());
    await bench.close();
    await stack.stop();
  }
  console.log(`\n=== bench/handover summary (${stack.database}, ${Math.round((Date.now() - started) / 1000)} s) ===`);
  for (const line of bench.report) console.log(line);
  if (bench.broken.length > 0) {
    console.error(`\nBROKEN RUN:\n${bench.broken.join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/** The gateway's budget periods in a line: its short windows summarised (count, typical length), closed periods listed. */
function describeBudgetPeriods(periods: readonly BudgetPeriod[], relative: (at: number) => string): string {
  const windows = periods.filter((period) => period.kind === 'window');
  const closed = periods.filter((period) => period.kind === 'closed');
  const gaps = windows.slice(1).map((period, index) => period.until - windows[index].until).sort((a, b) => a - b);
  const typical = gaps.length > 0 ? `${(gaps[Math.floor(gaps.length / 2)] / 1000).toFixed(2)} s apart` : 'one window';
  const closedText = closed.length > 0 ? `; closed ${closed.map((period) => `${relative(period.from)}–${relative(period.until)}`).join(', ')}` : '; never closed by a 429';
  return `${windows.length} windows ending ${typical} (first ${windows[0] ? relative(windows[0].until) : '—'})${closedText}`;
}
