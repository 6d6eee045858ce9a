import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { type CognigySim, createCognigySim } from '@genesys-bridge/bot-sims';
import { type BotSessionHandle, type BotTurnResult, createGenesysSim, type GenesysSim, type Participant } from '@genesys-bridge/genesys-sim';
import { BotConnectorRepository, ConnectionRepository, createDataSource, runMigrations } from '@genesys-bridge/persistence';
import { BotListSyncJob, QueueName, SYNC_BOT_LIST_JOB_OPTIONS, syncBotListJobId } from '@genesys-bridge/queue-contracts';
import { assertRedisReachable, RedisUnavailableError, redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { generateKeyringEntry, parseKeyring, SecretCipher } from '@genesys-bridge/secrets';
import { type AgentMessage, CallbackServer } from './callback-server';
import { DemoError, freePort, NodeProcess, STARTUP_TIMEOUT_MS, STEP_TIMEOUT_MS, StepTimeoutError, tail, waitFor } from './runtime';
import { describeAgentMessage, describeReplies, heading, line, pairs, shortId } from './transcript';

/**
 * `npm run demo`: the whole bridge on one machine with only Redis running. A fresh SQLite database and keyring in
 * a temporary directory, the Genesys and Cognigy-style simulators in this process, bot-connector and
 * handover-gateway as real processes from dist/, then one scripted conversation: Architect calls the bot through
 * the Bot Connector (v1), the bot hands over, the handover-gateway relays both ways over Open Messaging, and the
 * customer ends the chat. Every wait is bounded (STEP_TIMEOUT_MS, STARTUP_TIMEOUT_MS for the processes to start);
 * exit code 0 when everything happened, 1 when a step failed or timed out, 130 on Ctrl-C.
 */

const GENESYS_CLIENT = { clientId: 'demo-bridge-client', clientSecret: secret() };
const VERIFY_TOKEN = secret();
const WEBHOOK_SECRET = secret();
const HANDOVER_API_KEY = secret();
const CALLBACK_HMAC_SECRET = secret();
const COGNIGY_URL_TOKEN = secret();
const BOT_CONNECTOR_INTEGRATION_ID = 'demo-bot-connector';
const OPEN_MESSAGING_INTEGRATION_ID = randomUUID();
const BOT = { id: 'demo-bot', name: 'Demo Bot', version: '1' };
/** The routing keys the handover API takes as fields; every other Complete parameter goes as a custom attribute. */
const ROUTING_PARAMETERS = ['QueueName', 'Skills', 'Language', 'Priority'];
/** The fallback's reason parameter is not participant data. */
const NOT_PARTICIPANT_DATA = ['EscalationReason'];

const setupLine = (what: string, text: string) => line(what, text, 12);

function secret(): string {
  return randomBytes(24).toString('base64url');
}

/** Off once the demo is interrupted: the script may still be between two steps, its lines would only confuse. */
let transcriptOn = true;
const say = (text: string) => {
  if (transcriptOn) console.log(text);
};

interface HttpAnswer<T> {
  status: number;
  body: T;
}

interface HandoverStarted {
  handoverId: string;
  status: string;
  attributes: Record<string, string>;
  warnings: string[];
}

interface HandoverView {
  status: string;
  genesysConversationId: string | null;
  endReason: string | null;
}

class Demo {
  private readonly processes: NodeProcess[] = [];
  private readonly queuePrefix = `{demo-${randomBytes(4).toString('hex')}}`;
  private readonly redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  private genesys?: GenesysSim;
  private cognigy?: CognigySim;
  private readonly callback = new CallbackServer(CALLBACK_HMAC_SECRET);
  private dir?: string;
  private readonly readinessUrls: string[] = [];
  private connectorUrl = '';
  private gatewayUrl = '';
  private connectionId = '';
  private connectorId = '';
  private stopping?: Promise<void>;
  private redisChecked = false;
  private current = 'starting';

  /** What the demo is doing now, named in a failure. Entering a step after `stop()` ends the script. */
  get step(): string {
    return this.current;
  }

  set step(step: string) {
    if (this.stopping) throw new DemoError(`stopped before ${step}`);
    this.current = step;
  }

  async run(): Promise<void> {
    await this.setUp();
    const handover = await this.botConnectorConversation();
    await this.handoverConversation(handover);
  }

  /** Stops everything this demo started (safe to call more than once); keeps the temporary directory when asked. */
  stop(keepFiles = false): Promise<void> {
    this.stopping ??= this.shutDown(keepFiles);
    return this.stopping;
  }

  /** Last resort when this process exits without `stop()` finishing: no child process outlives the demo. */
  killLeftovers(): void {
    for (const child of this.processes) child.kill();
  }

  /** The last lines of each process' log, for a failure report. */
  processLogs(): string {
    return this.processes
      .filter((child) => child.output().trim() !== '')
      .map((child) => `  ${child.name} (pid ${child.pid ?? '?'}):\n${tail(child.output(), 15)}`)
      .join('\n');
  }

  get directory(): string | undefined {
    return this.dir;
  }

  // ── 1. Setup ───────────────────────────────────────────────────────────────────────────────────────────────────

  private async setUp(): Promise<void> {
    this.step = 'checking Redis';
    await assertRedisReachable(this.redisUrl);
    this.redisChecked = true;
    say(heading('Setup'));

    this.step = 'creating the database';
    this.dir = mkdtempSync(join(tmpdir(), 'genesys-bridge-demo-'));
    const keyring = generateKeyringEntry('k1');
    const keyringFile = join(this.dir, 'secrets.keys');
    writeFileSync(keyringFile, `${keyring}\n`, { mode: 0o600 });
    const sqlitePath = join(this.dir, 'genesys-bridge.sqlite');
    const database = createDataSource({ SQLITE_PATH: sqlitePath }, 'genesys-bridge-demo');
    await database.initialize();
    try {
      const { applied } = await runMigrations(database, () => undefined);
      say(setupLine('database', `${sqlitePath} · ${applied.length} migration(s) applied · a new secrets keyring for this run`));

      this.step = 'starting the simulators';
      [this.genesys, this.cognigy] = await Promise.all([
        createGenesysSim({ clients: [GENESYS_CLIENT], webhook: { retryIntervalMs: 200 } }),
        createCognigySim({ urlTokens: [COGNIGY_URL_TOKEN] }),
        this.callback.start(),
      ]);
      say(setupLine('simulators', `Genesys Cloud ${this.genesys.url} · Cognigy-style bot ${this.cognigy.url} · bot platform callback ${this.callback.url}`));

      this.step = 'starting bot-connector and handover-gateway';
      const processesStarted = performance.now();
      await this.startProcesses(sqlitePath, keyringFile);

      // While the processes start: the tenant, stored the way the admin CLI stores it (secrets encrypted).
      this.step = 'creating the connection and the Cognigy connector';
      await this.createTenant(database, keyring);

      this.step = 'waiting for the processes to be ready';
      await waitFor(
        'bot-connector and handover-gateway (HTTP and workers) to answer /health/ready',
        async () => {
          const exited = this.processes.find((child) => !child.running);
          if (exited) throw new DemoError(`${exited.name} exited during start-up:\n${tail(exited.output())}`);
          const answers = await Promise.all(this.readinessUrls.map((url) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then((response) => response.status, () => 0)));
          return answers.every((status) => status === 200);
        },
        STARTUP_TIMEOUT_MS,
      );
      say(setupLine('processes', `${this.processes.map((child) => `${child.name} :${child.port}`).join(' · ')} · ready in ${seconds(performance.now() - processesStarted)}`));
    } finally {
      await database.destroy();
    }

    // As `cli bot-list sync <connectorId> --queue` does: the bot-connector worker PUTs the bot list to Genesys.
    this.step = 'registering the bot list with Genesys';
    const queue = new Queue(QueueName.BotListSync, { connection: redisConnectionOptions(this.redisUrl, 'http'), prefix: this.queuePrefix });
    try {
      const job = { v: 1 as const, connectorId: this.connectorId };
      await queue.add(BotListSyncJob.SyncBotList, job, { ...SYNC_BOT_LIST_JOB_OPTIONS, jobId: syncBotListJobId(job) });
    } finally {
      await queue.close();
    }
    const [bot] = await waitFor('the bot-connector worker to register the bot list with Genesys (bot-list-sync job)', () => {
      const bots = this.sim().botConnector(BOT_CONNECTOR_INTEGRATION_ID).bots().chatBots;
      return bots.length > 0 ? bots : undefined;
    });
    const intents = bot.versions.flatMap((version) => version.intents ?? []).map((intent) => intent.name);
    say(setupLine('bot list', `registered in Genesys by the bot-connector worker: ${bot.name} (${bot.id}) v${bot.versions.map((version) => version.version).join(', ')} · intents ${intents.join(', ')}`));
    say('');
  }

  private async startProcesses(sqlitePath: string, keyringFile: string): Promise<void> {
    const [connectorPort, connectorWorkerPort, gatewayPort, gatewayWorkerPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    this.connectorUrl = `http://127.0.0.1:${connectorPort}`;
    this.gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const common = {
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.queuePrefix,
      SQLITE_PATH: sqlitePath,
      SECRETS_KEYS_FILE: keyringFile,
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.DEMO_LOG_LEVEL || 'warn',
      SHUTDOWN_GRACE_MS: '5000',
    };
    const connectorEnv = { ...common, PORT: String(connectorPort), WORKER_HTTP_PORT: String(connectorWorkerPort), PUBLIC_BASE_URL: this.connectorUrl };
    const gatewayEnv = { ...common, PORT: String(gatewayPort), WORKER_HTTP_PORT: String(gatewayWorkerPort) };
    for (const [name, script, env, port] of [
      ['bot-connector', 'apps/bot-connector/src/main.js', connectorEnv, connectorPort],
      ['bot-connector-worker', 'apps/bot-connector/src/worker.js', connectorEnv, connectorWorkerPort],
      ['handover-gateway', 'apps/handover-gateway/src/main.js', gatewayEnv, gatewayPort],
      ['handover-gateway-worker', 'apps/handover-gateway/src/worker.js', gatewayEnv, gatewayWorkerPort],
    ] as const) {
      if (this.stopping) throw new DemoError('stopping');
      this.processes.push(new NodeProcess(name, script, env, port));
      this.readinessUrls.push(`http://127.0.0.1:${port}/health/ready`);
    }
  }

  private async createTenant(database: DataSource, keyring: string): Promise<void> {
    const genesys = this.sim();
    const cipher = new SecretCipher(parseKeyring(keyring));
    const connection = await new ConnectionRepository(database, cipher).create({
      name: 'demo-org',
      genesysRegion: 'eu-west-1',
      genesysApiBaseUrl: genesys.url,
      genesysLoginBaseUrl: genesys.url,
      genesysClientId: GENESYS_CLIENT.clientId,
      genesysClientSecret: GENESYS_CLIENT.clientSecret,
      openMessagingIntegrationId: OPEN_MESSAGING_INTEGRATION_ID,
      botPlatform: 'mixed',
      // The callback receiver of this demo listens on 127.0.0.1: allowed explicitly (SSRF guard).
      botPlatformSettings: { allowPrivateCallbackUrls: true },
      webhookSecret: WEBHOOK_SECRET,
      // handoverApiKeys is a list (current, previous while rotating); the repository's type says string values.
      botPlatformSecrets: { handoverApiKeys: [HANDOVER_API_KEY], callbackHmacSecret: CALLBACK_HMAC_SECRET } as unknown as Record<string, string>,
    });
    this.connectionId = connection.id;
    const webhookUrl = `${this.gatewayUrl}/genesys/open-messaging/${this.connectionId}/webhook`;
    genesys.addIntegration({
      id: OPEN_MESSAGING_INTEGRATION_ID,
      name: 'genesys-bridge demo',
      outboundNotificationWebhookUrl: webhookUrl,
      outboundNotificationWebhookSignatureSecretToken: WEBHOOK_SECRET,
      outboundTypingEnabled: true,
    });

    const connector = await new BotConnectorRepository(database, cipher).create({
      connectionId: this.connectionId,
      name: 'demo-cognigy',
      settings: {
        auth: { mode: 'verify-token', headerName: 'verify-token' },
        adapter: { platform: 'cognigy', endpointBaseUrl: this.cognigy?.url, allowPrivateNetworks: true },
        timeBudgetMs: 5_000,
        fallback: { mode: 'escalate', intent: 'Escalate', reasonParameter: 'EscalationReason' },
        handoverIntent: 'Handover',
        endIntent: 'EndSession',
        bots: [{ ...BOT, supportedLanguages: ['en-us'] }],
        genesysIntegrationId: BOT_CONNECTOR_INTEGRATION_ID,
      },
      secrets: { verifyTokens: [VERIFY_TOKEN], urlToken: COGNIGY_URL_TOKEN },
    });
    this.connectorId = connector.id;
    const handleUtteranceUri = `${this.connectorUrl}/bot-connector/v1/${connector.id}`;
    genesys.addBotConnectorIntegration({ id: BOT_CONNECTOR_INTEGRATION_ID, name: 'Demo Bot Connector', handleUtteranceUri, credentials: { 'verify-token': VERIFY_TOKEN } });
    say(setupLine('connection', `${this.connectionId} · Open Messaging integration ${shortId(OPEN_MESSAGING_INTEGRATION_ID)} → ${webhookUrl} · handover API key`));
    say(setupLine('connector', `Cognigy ${connector.id} · Genesys Bot Connector integration ${BOT_CONNECTOR_INTEGRATION_ID} → ${handleUtteranceUri}`));
  }

  // ── 2. Bot Connector ───────────────────────────────────────────────────────────────────────────────────────────

  private async botConnectorConversation(): Promise<{ session: BotSessionHandle; parameters: Record<string, string>; transcript: { from: 'user' | 'bot'; text: string }[] }> {
    const genesys = this.sim();
    say(heading('Bot Connector (Genesys Architect → bot-connector → Cognigy-style bot)'));
    this.step = 'starting the Architect bot session';
    const session = genesys.botConnector(BOT_CONNECTOR_INTEGRATION_ID).startSession({ botId: BOT.id, botVersion: BOT.version });
    const transcript: { from: 'user' | 'bot'; text: string }[] = [];

    const turn = async (shown: string, send: () => Promise<BotTurnResult>, expected: 'MoreData' | 'Complete'): Promise<BotTurnResult> => {
      this.step = `playing the Architect turn ${JSON.stringify(shown)}`;
      say(line('Customer', shown));
      transcript.push({ from: 'user', text: shown });
      const result = await send();
      if (result.status !== 'ok') {
        const problems = result.errorDetails.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
        throw new DemoError(`Architect saw the turn as ${result.status}${result.error ? ` (${result.error})` : ''}${problems ? `: ${problems}` : ''}`);
      }
      for (const text of describeReplies(result.replies)) {
        say(line('Bot', text));
        transcript.push({ from: 'bot', text });
      }
      if (result.botState !== expected) throw new DemoError(`expected botState ${expected}, Architect got ${result.botState} (intent ${result.intent ?? 'none'})`);
      return result;
    };

    await turn('hi', () => session.sendText('hi'), 'MoreData');
    const menu = await turn('menu', () => session.sendText('menu'), 'MoreData');
    const choices = menu.replies
      .flatMap((reply) => (reply.content ?? []) as { contentType?: string; quickReply?: { text: string; payload: string } }[])
      .filter((item) => item.contentType === 'QuickReply' && item.quickReply)
      .map((item) => item.quickReply as { text: string; payload: string });
    const billing = choices.find((choice) => choice.text === 'Billing') ?? choices[0];
    if (!billing) throw new DemoError('the menu answer has no quick replies to tap');
    await turn(`(taps ${billing.text})`, () => session.clickQuickReply({ text: billing.text, payload: billing.payload }), 'MoreData');
    await turn('cards', () => session.sendText('cards'), 'MoreData');
    const handover = await turn('agent', () => session.sendText('agent'), 'Complete');
    const parameters = handover.parameters ?? {};
    say(line('Architect', [`botState ${handover.botState}`, `intent ${handover.intent ?? '(none)'}`, pairs(parameters, ' · ')].filter(Boolean).join(' · ')));
    if (handover.intent !== 'Handover' || !parameters.QueueName) throw new DemoError(`expected intent Handover with a QueueName parameter, got intent ${handover.intent ?? 'none'}`);
    say('');
    return { session, parameters, transcript };
  }

  // ── 3. Handover ────────────────────────────────────────────────────────────────────────────────────────────────

  private async handoverConversation({ session, parameters, transcript }: Awaited<ReturnType<Demo['botConnectorConversation']>>): Promise<void> {
    const genesys = this.sim();
    say(heading('Handover (handover-gateway → Genesys Open Messaging)'));

    this.step = 'starting the handover (POST /handovers)';
    const customAttributes = Object.fromEntries(Object.entries(parameters).filter(([name]) => !ROUTING_PARAMETERS.includes(name) && !NOT_PARTICIPANT_DATA.includes(name)));
    const firstMessage = 'I would like to talk to a person, please.';
    const started = await this.handoverApi<HandoverStarted>('POST', '', {
      conversationId: `cognigy-${session.botSessionId}`,
      customer: { id: 'ada.lovelace@example.com', idType: 'Email', firstName: 'Ada', lastName: 'Lovelace' },
      queueName: parameters.QueueName,
      skills: parameters.Skills ? parameters.Skills.split(',') : undefined,
      language: parameters.Language,
      priority: parameters.Priority === undefined ? undefined : Number(parameters.Priority),
      customAttributes,
      transcript,
      firstMessage: { messageId: randomUUID(), text: firstMessage },
      callbackUrl: this.callback.url,
    });
    expectStatus(started, [202], 'POST /handovers');
    const handoverId = started.body.handoverId;
    say(line('Bot', `hands over: POST /handovers/{connectionId} → ${started.status} · handover ${shortId(handoverId)} · ${Object.keys(started.body.attributes).length} participant data entries${started.body.warnings.length > 0 ? ` · warnings: ${started.body.warnings.join('; ')}` : ''}`));

    this.step = 'waiting for the Genesys conversation to open';
    const view = await waitFor('the handover to become active with a Genesys conversation', async () => {
      const answer = await this.handoverApi<HandoverView>('GET', `/${handoverId}`);
      return answer.status === 200 && answer.body.status === 'active' && answer.body.genesysConversationId ? answer.body : undefined;
    });
    const conversationId = view.genesysConversationId as string;
    const customer = await waitFor('the customer participant in the Genesys conversation', () => this.customerOf(conversationId));
    const firstArrived = await waitFor('the first message in the Genesys conversation', () =>
      genesys.conversation(conversationId)?.transcript.find((entry) => entry.direction === 'Inbound' && entry.text === firstMessage),
    );
    say(line('Genesys', `conversation ${shortId(conversationId)} · customer participant data: ${pairs(customer.attributes, ', ')}`));
    if (!isDeepStrictEqual({ ...customer.attributes }, started.body.attributes)) {
      throw new DemoError(`the customer participant data differs from what the handover API sent:\n  sent:     ${JSON.stringify(started.body.attributes)}\n  Genesys:  ${JSON.stringify(customer.attributes)}`);
    }
    const inbound = genesys.conversation(conversationId)?.transcript.filter((entry) => entry.direction === 'Inbound') ?? [];
    say(line('Genesys', `the agent sees ${inbound.length} message(s): the bot transcript, then ${JSON.stringify(firstArrived.text)}`));

    this.step = 'joining the agent';
    const agent = genesys.agent(conversationId);
    agent.join({ name: 'Ann' });
    say('Agent Ann joined');

    this.step = "relaying the agent's first message to the bot platform";
    await this.agentSays(agent.sendText("Hi, I'm Ann. How can I help?").id);

    this.step = "relaying the customer's message to Genesys (POST /handovers/…/messages)";
    const complaint = 'My invoice is wrong';
    const sent = await this.handoverApi<{ sequence: number }>('POST', `/${handoverId}/messages`, { messageId: randomUUID(), text: complaint });
    expectStatus(sent, [202], 'POST /handovers/{id}/messages');
    await waitFor(`${JSON.stringify(complaint)} in the Genesys conversation`, () =>
      genesys.conversation(conversationId)?.transcript.some((entry) => entry.direction === 'Inbound' && entry.text === complaint),
    );
    say(line('Customer', `${complaint}  → reached Genesys`));

    this.step = 'relaying the typing indicator';
    const typing = agent.startTyping(3_000);
    await waitFor('the typing event at the bot platform callback', () => this.callback.received.some((message) => message.messageId === typing.id));
    say('(Ann is typing…)');

    this.step = "relaying the agent's answer with an attachment";
    const answer = agent.sendAttachment(
      { mediaType: 'File', url: 'https://files.example.com/invoices/invoice.pdf', mime: 'application/pdf', filename: 'invoice.pdf' },
      { text: 'Let me check… you are right, here is the corrected invoice.' },
    );
    await this.agentSays(answer.id);

    this.step = 'ending the handover from the customer side (POST /handovers/…/end)';
    const ended = await this.handoverApi<{ status: string }>('POST', `/${handoverId}/end`, { reason: 'user-ended' });
    expectStatus(ended, [202], 'POST /handovers/{id}/end');
    await waitFor('the customer participant to be disconnected in Genesys', () => this.customerOf(conversationId)?.state === 'disconnected');
    const final = await this.handoverApi<HandoverView>('GET', `/${handoverId}`);
    say(`Customer ended the chat → Genesys customer participant disconnected (handover ${final.body.status}, ${final.body.endReason ?? 'no reason'})`);
    if (this.callback.badSignatures > 0) throw new DemoError(`${this.callback.badSignatures} callback request(s) had a bad X-Bridge-Signature`);
  }

  /** Waits until every part of an agent message reached the callback, prints it, and its receipt from the bridge. */
  private async agentSays(messageId: string): Promise<void> {
    const parts = await waitFor('the agent message at the bot platform callback', () => {
      const received = this.callback.received.filter((message) => message.messageId === messageId);
      const expected = received[0]?.part?.count ?? 1;
      return received.length >= expected ? received : undefined;
    });
    const shown = parts.map((part: AgentMessage) => describeAgentMessage(part)).join('  ');
    const receipt = await waitFor('the delivery receipt in Genesys', () => this.sim().state.receipts.find((record) => record.messageId === messageId));
    say(line('Agent', `${shown}   ✓ ${receipt.status}`));
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────────

  private sim(): GenesysSim {
    if (!this.genesys) throw new DemoError('the Genesys simulator is not running');
    return this.genesys;
  }

  private customerOf(conversationId: string): Participant | undefined {
    return this.sim()
      .conversation(conversationId)
      ?.participants.find((participant) => participant.purpose === 'customer');
  }

  private async handoverApi<T>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.gatewayUrl}/handovers/${this.connectionId}${path}`, {
      method,
      headers: { authorization: `Bearer ${HANDOVER_API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: response.status, body: parsed as T };
  }

  private async shutDown(keepFiles: boolean): Promise<void> {
    await Promise.allSettled(this.processes.map((child) => child.stop()));
    await Promise.allSettled([this.genesys?.close(), this.cognigy?.close(), this.callback.close()]);
    await this.deleteQueueKeys().catch(() => undefined);
    if (this.dir && !keepFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Removes this run's queue keys from Redis (they all start with the run's own prefix). */
  private async deleteQueueKeys(): Promise<void> {
    if (!this.redisChecked) return;
    const redis = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.queuePrefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}

function expectStatus(answer: HttpAnswer<unknown>, statuses: number[], what: string): void {
  if (!statuses.includes(answer.status)) throw new DemoError(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const demo = new Demo();
  let interrupted = false;
  const interrupt = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    transcriptOn = false;
    console.error(`\ndemo: ${signal} received while ${demo.step}; stopping everything…`);
    void demo.stop().then(() => {
      console.error('demo: stopped');
      process.exit(130);
    });
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  process.on('exit', () => demo.killLeftovers());

  try {
    await demo.run();
  } catch (error) {
    if (interrupted) return; // the signal handler finishes the run
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RedisUnavailableError) {
      console.error(`demo: ${message}`);
    } else {
      const kind = error instanceof StepTimeoutError ? 'timed out' : 'failed';
      console.error(`\ndemo: ${kind} while ${demo.step}: ${message}`);
      if (!(error instanceof DemoError) && !(error instanceof StepTimeoutError) && error instanceof Error && error.stack) console.error(error.stack);
      const logs = demo.processLogs();
      if (logs) console.error(`\nlast process output:\n${logs}`);
      if (demo.directory) console.error(`\nthe database and settings of this run are kept in ${demo.directory}`);
    }
    await demo.stop(true);
    process.exit(1);
  }
  if (interrupted) return;
  await demo.stop();
  say('');
  say(heading(`done in ${seconds(performance.now() - started)}`));
  process.exit(0);
}

void main();
