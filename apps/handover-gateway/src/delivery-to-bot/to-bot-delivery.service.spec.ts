import { Logger } from '@nestjs/common';
import type { GenesysClient, OpenInboundReceipt } from '@genesys-bridge/genesys-client';
import type { GenesysClients } from '@genesys-bridge/genesys-connections';
import type { Connection, ConnectionRepository, ConnectionSecrets, HandoverEntity, HandoverRepository, MessageEntity, MessageRepository } from '@genesys-bridge/persistence';
import { type AgentMessage, type AgentMessageSender, BotPlatformError } from '@genesys-bridge/platform-adapters';
import type { DeliverConversationV1 } from '@genesys-bridge/queue-contracts';
import { type DeliveryWakeups, RetryDeliveryLater } from '@genesys-bridge/queue-runtime';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';
import { type AgentMessageDestinations, agentMessageSenderFor } from './agent-message-destination';
import type { ArrivalClock } from './arrival-clock';
import { GenesysReceipts } from './genesys-receipts.service';
import { MAX_ROWS_PER_JOB, ToBotDelivery } from './to-bot-delivery.service';
import { ToBotDeliverySettings } from './to-bot-delivery.settings';

const CONNECTION_ID = 'conn-1';
const CONVERSATION_ID = 'genesys-conv-1';
const INTEGRATION_ID = 'integration-1';
const JOB: DeliverConversationV1 = { v: 1, connectionId: CONNECTION_ID, conversationKey: CONVERSATION_ID };

/** A webhook message sent `agoMs` before now (genesys-api.md §2.5). */
function outbound(id: string, agoMs: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    channel: {
      id: INTEGRATION_ID,
      platform: 'Open',
      type: 'Private',
      messageId: id,
      to: { id: 'customer@example.com', idType: 'Email' },
      from: { id: INTEGRATION_ID, nickname: 'bridge', idType: 'Opaque' },
      time: new Date(Date.now() - agoMs).toISOString(),
    },
    conversationId: CONVERSATION_ID,
    direction: 'Outbound',
    originatingEntity: 'Human',
    type: 'Text',
    ...fields,
  };
}

/** In-memory inbox with the repository's semantics (status guards included). */
class FakeMessages {
  rows: MessageEntity[] = [];
  add(kind: string, payload: Record<string, unknown>): MessageEntity {
    const row = {
      id: `row-${this.rows.length + 1}`,
      connectionId: CONNECTION_ID,
      source: 'genesys',
      providerMessageId: String(payload['id']),
      direction: 'to-bot',
      conversationKey: CONVERSATION_ID,
      sequence: this.rows.length + 1,
      kind,
      payload,
      status: 'pending',
      attempts: 0,
      lastError: null,
      deliveredAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    } as MessageEntity;
    this.rows.push(row);
    return row;
  }
  text(id: string, agoMs: number, text = id) {
    return this.add('text', outbound(id, agoMs, { text }));
  }
  async pendingInConversation(connectionId: string, direction: string, conversationKey: string, limit = 100) {
    return this.rows
      .filter((row) => row.connectionId === connectionId && row.direction === direction && row.conversationKey === conversationKey && row.status === 'pending')
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }
  async markDelivered(id: string) {
    const row = this.rows.find((candidate) => candidate.id === id && candidate.status === 'pending');
    if (row) row.status = 'delivered';
  }
  async markFailed(id: string, reason: string) {
    const row = this.rows.find((candidate) => candidate.id === id && candidate.status === 'pending');
    if (row) Object.assign(row, { status: 'failed', lastError: reason });
  }
  async recordAttempt(id: string, error: string | null) {
    const row = this.rows.find((candidate) => candidate.id === id) as MessageEntity;
    row.attempts += 1;
    if (error) row.lastError = error;
  }
  statuses() {
    return this.rows.map((row) => [row.providerMessageId, row.status]);
  }
}

class FakeSender implements AgentMessageSender {
  readonly platform = 'generic' as const;
  sent: AgentMessage[] = [];
  failWith: ((message: AgentMessage) => Error | undefined) | undefined;
  constructor(readonly supportsTyping = true) {}
  async send(message: AgentMessage) {
    const error = this.failWith?.(message);
    if (error) throw error;
    this.sent.push(message);
    return { requests: 1 };
  }
  texts() {
    return this.sent.map((message) => ('outputs' in message.content ? message.content.outputs.map((output) => ('text' in output ? output.text : output.kind)).join('|') : 'typing'));
  }
}

const httpError = (status: number) => new BotPlatformError({ platform: 'generic', kind: 'http', status, message: `generic agent-message callback POST bot.example failed with HTTP ${status}` });

describe('ToBotDelivery', () => {
  let messages: FakeMessages;
  let sender: FakeSender;
  let handover: HandoverEntity | null;
  let receipts: { integrationId: string; receipt: OpenInboundReceipt }[];
  let receiptFailure: Error | undefined;
  let wakes: DeliverConversationV1[];
  let holds: { jobId: string; delay: number }[];
  /** First sightings the fake arrival clock hands out; unknown ids were "seen" 10 s ago (no arrival hold). */
  let sightings: Map<string, number>;
  let sightingDefault: () => number;
  let settings: ToBotDeliverySettings;
  let platformSettings: Record<string, unknown>;
  let budget: GenesysRateBudget;
  let delivery: ToBotDelivery;

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });

  afterAll(() => jest.restoreAllMocks());

  beforeEach(() => {
    messages = new FakeMessages();
    sender = new FakeSender();
    handover = { id: 'handover-1', platform: 'generic', platformConversationId: 'bot-conv-1', platformContext: { callbackUrl: 'https://bot.example/cb' } } as unknown as HandoverEntity;
    receipts = [];
    receiptFailure = undefined;
    wakes = [];
    holds = [];
    sightings = new Map();
    sightingDefault = () => Date.now() - 10_000;
    settings = Object.assign(new ToBotDeliverySettings(), { TO_BOT_REORDER_WINDOW_MS: 1_000, TO_BOT_ARRIVAL_HOLD_MS: 500, TO_BOT_HANDOVER_WAIT_ATTEMPTS: 3, TO_BOT_MAX_ATTEMPTS: 4 });
    platformSettings = {};
    const connection = { id: CONNECTION_ID, openMessagingIntegrationId: INTEGRATION_ID, genesysClientId: 'oauth-1', get botPlatformSettings() { return platformSettings; } } as unknown as Connection;
    const connections = { findById: async () => connection, readSecrets: async () => ({ botPlatformSecrets: {} }) as unknown as ConnectionSecrets } as unknown as ConnectionRepository;
    const handovers = {
      findById: async (id: string) => (handover?.id === id ? { ...handover, connectionId: CONNECTION_ID } : null),
      findByGenesysConversation: async (connectionId: string, genesysConversationId: string) => (connectionId === CONNECTION_ID && genesysConversationId === CONVERSATION_ID ? handover : null),
    } as unknown as HandoverRepository;
    const destinations = { senderFor: (found: HandoverEntity, ...rest: [Connection, ConnectionSecrets]) => (found.platform === 'generic' && found.platformContext['callbackUrl'] ? sender : agentMessageSenderFor(found, ...rest)) } as AgentMessageDestinations;
    const client = {
      sendInboundReceipt: async (integrationId: string, receipt: OpenInboundReceipt) => {
        if (receiptFailure) throw receiptFailure;
        receipts.push({ integrationId, receipt });
        return {};
      },
    } as unknown as GenesysClient;
    const genesys = { forConnection: async () => client } as unknown as GenesysClients;
    const wakeups = {
      wake: async (_direction: string, job: DeliverConversationV1) => void wakes.push(job),
      queue: () => ({
        add: async (_name: string, _data: unknown, options: { jobId: string; delay: number }) => {
          holds.push({ jobId: options.jobId, delay: options.delay });
          return { getState: async () => 'delayed' };
        },
      }),
    } as unknown as DeliveryWakeups;
    const arrivals = {
      firstSeen: async (_job: DeliverConversationV1, ids: readonly string[]) => {
        for (const id of ids) if (!sightings.has(id)) sightings.set(id, sightingDefault());
        return new Map(ids.map((id) => [id, sightings.get(id) as number]));
      },
    } as unknown as ArrivalClock;
    budget = new GenesysRateBudget(new RateLimiterMemory({ points: 1_000, duration: 60 }));
    delivery = new ToBotDelivery(messages as unknown as MessageRepository, handovers, connections, destinations, new GenesysReceipts(genesys, budget), wakeups, arrivals, settings);
  });

  const retried = async (): Promise<RetryDeliveryLater> => {
    const error = await delivery.deliverConversation(JOB).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetryDeliveryLater);
    return error as RetryDeliveryLater;
  };

  it("delivers in Genesys' send order (channel.time), not arrival order, with a Delivered receipt each", async () => {
    messages.text('second', 4_000);
    messages.text('first', 5_000);
    messages.text('third', 3_000);
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['first', 'second', 'third']);
    expect(sender.sent[0]).toMatchObject({ messageId: 'first', from: { type: 'agent' }, correlationId: 'first' });
    expect(messages.statuses()).toEqual([
      ['second', 'delivered'],
      ['first', 'delivered'],
      ['third', 'delivered'],
    ]);
    expect(receipts.map(({ integrationId, receipt }) => [integrationId, receipt.id, receipt.status, receipt.isFinalReceipt])).toEqual([
      [INTEGRATION_ID, 'first', 'Delivered', true],
      [INTEGRATION_ID, 'second', 'Delivered', true],
      [INTEGRATION_ID, 'third', 'Delivered', true],
    ]);
    expect(receipts[0].receipt.channel.to).toEqual({ id: 'customer@example.com', idType: 'Email' });
  });

  it('holds messages still inside the reorder window: a delayed wake-up at their due time, nothing sent', async () => {
    messages.text('old', 5_000);
    const young = messages.text('young', 100);
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['old']);
    expect(holds).toHaveLength(1);
    expect(holds[0].jobId).toContain(`-hold-${young.id}-`);
    expect(holds[0].delay).toBeGreaterThan(800);
    expect(holds[0].delay).toBeLessThanOrEqual(900);
    expect(messages.statuses()).toEqual([
      ['old', 'delivered'],
      ['young', 'pending'],
    ]);
  });

  it('also holds a message until the arrival hold after a worker first saw it, when it arrived long after it was sent', async () => {
    sightingDefault = () => Date.now();
    const late = messages.text('backlogged', 30_000);
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toEqual([]);
    expect(holds).toHaveLength(1);
    expect(holds[0].jobId).toContain(`-hold-${late.id}-${sightings.get(late.id) as number + 500}`);
    expect(holds[0].delay).toBeGreaterThan(400);
    expect(holds[0].delay).toBeLessThanOrEqual(500);
    // Seen 600 ms ago: due now.
    sightings.set(late.id, Date.now() - 600);
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['backlogged']);
  });

  it('waits out a short hold inside the job, so a late earlier message still goes first', async () => {
    messages.text('later', 1_000 - 100);
    setTimeout(() => messages.text('earlier', 1_000 - 50), 20);
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['earlier', 'later']);
    expect(holds).toEqual([]);
  });

  it('filters empty messages, Genesys receipts and other events: marked delivered, nothing sent, no receipt', async () => {
    messages.add('text', outbound('empty', 5_000, { text: '', content: [] }));
    messages.add('receipt', outbound('inbound-1', 5_000, { type: 'Receipt', status: 'Delivered' }));
    messages.add('event', outbound('presence', 5_000, { type: 'Event', events: [{ eventType: 'Presence' }] }));
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toEqual([]);
    expect(receipts).toEqual([]);
    expect(messages.statuses().map(([, status]) => status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('relays fresh typing, drops stale typing, never retries it and never posts a receipt for it', async () => {
    const typing = (id: string, agoMs: number) => messages.add('typing', outbound(id, agoMs, { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5_000 } }] }));
    typing('stale', 6_000);
    typing('fresh', 2_000);
    await delivery.deliverConversation(JOB);
    expect(sender.sent.map((message) => [message.messageId, message.content])).toEqual([['fresh', { event: 'typing' }]]);

    sender.failWith = () => httpError(503);
    typing('failing', 1_500);
    await delivery.deliverConversation(JOB);
    expect(messages.statuses().map(([, status]) => status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(receipts).toEqual([]);
  });

  it('does not send typing to platforms without typing indicators', async () => {
    sender = new FakeSender(false);
    messages.add('typing', outbound('t', 2_000, { type: 'Event', events: [{ eventType: 'Typing' }] }));
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toEqual([]);
    expect(messages.rows[0].status).toBe('delivered');
  });

  it("filters Genesys bot/queue flow messages unless the connection relays them, and shows the agent's profile only when asked", async () => {
    const agent = { id: 'agent-7', nickname: 'Ann', image: 'https://cdn.example.com/ann.png', idType: 'Opaque' };
    messages.add('text', outbound('queue-bot', 6_000, { originatingEntity: 'Bot', text: 'You are number 3 in the queue' }));
    messages.add('text', outbound('human', 5_000, { text: 'Hi, Ann here', channel: { ...(outbound('human', 5_000).channel as object), from: agent } }));
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['Hi, Ann here']);
    expect(sender.sent[0].from).toEqual({ type: 'agent' });
    expect(messages.statuses()).toEqual([
      ['queue-bot', 'delivered'],
      ['human', 'delivered'],
    ]);
    expect(receipts.map(({ receipt }) => receipt.id)).toEqual(['human']);

    platformSettings = { relayGenesysBotMessages: true, showAgentProfile: true };
    messages.add('text', outbound('queue-bot-2', 4_000, { originatingEntity: 'Bot', text: 'You are next' }));
    messages.add('text', outbound('human-2', 3_000, { text: 'Still here', channel: { ...(outbound('human-2', 3_000).channel as object), from: agent } }));
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['Hi, Ann here', 'You are next', 'Still here']);
    expect(sender.sent.map((message) => message.from)).toEqual([{ type: 'agent' }, { type: 'bot' }, { type: 'agent', name: 'Ann', avatarUrl: 'https://cdn.example.com/ann.png' }]);
  });

  it('sends the fallback text of unsupported content, or drops it with dropUnsupportedContent', async () => {
    const datePicker = { type: 'Structured', text: undefined, content: [{ contentType: 'DatePicker', datePicker: { title: 'Pick a day' } }] };
    messages.add('structured', outbound('picker-1', 5_000, datePicker));
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toHaveLength(1);
    expect('outputs' in sender.sent[0].content && sender.sent[0].content.outputs.map((output) => output.kind)).toEqual(['unsupported']);

    platformSettings = { dropUnsupportedContent: true };
    messages.add('structured', outbound('picker-2', 4_000, datePicker));
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toHaveLength(1);
    expect(messages.statuses()).toEqual([
      ['picker-1', 'delivered'],
      ['picker-2', 'delivered'],
    ]);
    expect(receipts.map(({ receipt }) => receipt.id)).toEqual(['picker-1']);
  });

  it("tells the bot platform a handover ended (found by id when Genesys never took it), retried like a message, without a Genesys receipt", async () => {
    const job = { ...JOB, conversationKey: 'handover-1' };
    const row = messages.add('handover-ended', { handoverId: 'handover-1', status: 'error', reason: 'genesys-refused: 400' });
    Object.assign(row, { conversationKey: job.conversationKey, providerMessageId: 'handover-1#ended', source: 'gateway', createdAt: new Date(Date.now() - 10_000) });
    sender.failWith = () => httpError(503);
    const retry = await delivery.deliverConversation(job).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(retry).toBeInstanceOf(RetryDeliveryLater);
    expect(messages.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });

    sender.failWith = undefined;
    await delivery.deliverConversation(job);
    expect(sender.sent).toEqual([expect.objectContaining({ messageId: 'handover-1#ended', content: { event: 'handover-ended', status: 'error', reason: 'genesys-refused: 400' } })]);
    expect(messages.rows[0].status).toBe('delivered');
    expect(receipts).toEqual([]);
  });

  it("relays end detection's notices (transfer, agent left) as a text from the agent side, before the end, without a receipt", async () => {
    const notice = messages.add('handover-notice', { handoverId: 'handover-1', notice: 'transfer', text: 'You are being transferred' });
    Object.assign(notice, { providerMessageId: 'handover-1#notice#transfer#agent-1', source: 'gateway', createdAt: new Date(Date.now() - 10_000) });
    const ended = messages.add('handover-ended', { handoverId: 'handover-1', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' });
    Object.assign(ended, { providerMessageId: 'handover-1#ended', source: 'gateway', createdAt: new Date(Date.now() - 10_000) });
    await delivery.deliverConversation(JOB);
    expect(sender.sent.map((message) => [message.messageId, message.from, message.content])).toEqual([
      ['handover-1#notice#transfer#agent-1', { type: 'agent' }, { outputs: [{ kind: 'text', text: 'You are being transferred' }] }],
      ['handover-1#ended', { type: 'agent' }, { event: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' }],
    ]);
    expect(messages.rows.map((row) => row.status)).toEqual(['delivered', 'delivered']);
    expect(receipts).toEqual([]);
  });

  it('waits 1 s for a handover that is not stored yet, then delivers once it is', async () => {
    const stored = handover;
    handover = null;
    messages.text('early', 5_000);
    expect((await retried()).delayMs).toBe(1_000);
    expect(messages.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
    handover = stored;
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['early']);
    expect(receipts.map(({ receipt }) => receipt.status)).toEqual(['Delivered']);
  });

  it('fails a message with InvalidDestination when no handover shows up, and goes on', async () => {
    handover = null;
    messages.text('orphan', 5_000);
    await retried();
    await retried();
    handover = null;
    await delivery.deliverConversation(JOB);
    expect(messages.rows[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(messages.rows[0].lastError).toContain('InvalidDestination');
    expect(receipts.map(({ receipt }) => [receipt.id, receipt.status, receipt.reasons])).toEqual([
      ['orphan', 'Failed', [{ code: 'InvalidDestination', message: 'no handover is known for this Genesys conversation' }]],
    ]);
  });

  it('fails a message the bot refuses (400) with a GeneralError receipt, and delivers the next one', async () => {
    messages.text('refused', 5_000);
    messages.text('next', 4_000);
    sender.failWith = (message) => (message.messageId === 'refused' ? httpError(400) : undefined);
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['next']);
    expect(messages.statuses()).toEqual([
      ['refused', 'failed'],
      ['next', 'delivered'],
    ]);
    expect(receipts.map(({ receipt }) => [receipt.id, receipt.status, receipt.reasons?.[0]?.code])).toEqual([
      ['refused', 'Failed', 'GeneralError'],
      ['next', 'Delivered', undefined],
    ]);
    expect(receipts[0].receipt.reasons?.[0]?.message).toContain('HTTP 400');
  });

  it('retries a transient failure with a growing delay, nothing overtaking it, and gives up after the last attempt', async () => {
    messages.text('flaky', 5_000);
    messages.text('after', 4_000);
    sender.failWith = (message) => (message.messageId === 'flaky' ? httpError(503) : undefined);
    const delays: number[] = [];
    for (let attempt = 1; attempt < settings.TO_BOT_MAX_ATTEMPTS; attempt++) {
      delays.push((await retried()).delayMs);
      expect(sender.sent).toEqual([]);
    }
    expect(delays).toEqual([500, 1_000, 2_000]);
    expect(messages.rows[0]).toMatchObject({ status: 'pending', attempts: 3 });
    await delivery.deliverConversation(JOB);
    expect(messages.statuses()).toEqual([
      ['flaky', 'failed'],
      ['after', 'delivered'],
    ]);
    expect(receipts.map(({ receipt }) => [receipt.id, receipt.status])).toEqual([
      ['flaky', 'Failed'],
      ['after', 'Delivered'],
    ]);
  });

  it('delivers after transient failures once the bot recovers, in order', async () => {
    messages.text('a', 5_000);
    messages.text('b', 4_000);
    let failures = 2;
    sender.failWith = (message) => (message.messageId === 'a' && failures-- > 0 ? httpError(503) : undefined);
    await retried();
    await retried();
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['a', 'b']);
    expect(receipts.map(({ receipt }) => receipt.status)).toEqual(['Delivered', 'Delivered']);
  });

  it('fails messages of a handover that cannot receive them (no callback URL) with InvalidDestination', async () => {
    handover = { ...(handover as HandoverEntity), platformContext: {} } as HandoverEntity;
    messages.text('nowhere', 5_000);
    await delivery.deliverConversation(JOB);
    expect(messages.rows[0].status).toBe('failed');
    expect(receipts[0].receipt.reasons).toEqual([{ code: 'InvalidDestination', message: 'the handover has no callbackUrl' }]);
  });

  it("spends a point of the OAuth client's shared budget per receipt, waiting for the next window when it is spent", async () => {
    const spent: string[] = [];
    budget = new GenesysRateBudget(new RateLimiterMemory({ points: 2, duration: 1 }));
    const take = budget.take.bind(budget);
    budget.take = async (client: string) => {
      spent.push(client);
      return take(client);
    };
    (delivery as unknown as { receipts: GenesysReceipts }).receipts = new GenesysReceipts({ forConnection: async () => ({ sendInboundReceipt: async (integrationId: string, receipt: OpenInboundReceipt) => void receipts.push({ integrationId, receipt }) }) } as unknown as GenesysClients, budget);
    messages.text('one', 5_000);
    messages.text('two', 4_000);
    messages.text('three', 3_000);
    const started = Date.now();
    await delivery.deliverConversation(JOB);
    expect(receipts.map(({ receipt }) => receipt.id)).toEqual(['one', 'two', 'three']);
    // Two points in the first window; the third receipt waited for the next one.
    expect(spent.filter((client) => client === 'oauth-1').length).toBeGreaterThanOrEqual(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('goes on delivering when a receipt cannot be posted', async () => {
    receiptFailure = new Error('Genesys is down');
    messages.text('one', 5_000);
    messages.text('two', 4_000);
    await delivery.deliverConversation(JOB);
    expect(sender.texts()).toEqual(['one', 'two']);
    expect(messages.statuses().map(([, status]) => status)).toEqual(['delivered', 'delivered']);
  });

  it('hands the partition over after a batch and wakes itself for the rest', async () => {
    for (let i = 0; i < MAX_ROWS_PER_JOB + 5; i++) messages.text(`m${i}`, 10_000 - i);
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toHaveLength(MAX_ROWS_PER_JOB);
    expect(wakes).toEqual([JOB]);
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toHaveLength(MAX_ROWS_PER_JOB + 5);
  });

  it('stops before the next row on shutdown and leaves a wake-up', async () => {
    messages.text('one', 5_000);
    delivery.stop();
    await delivery.deliverConversation(JOB);
    expect(sender.sent).toEqual([]);
    expect(wakes).toEqual([JOB]);
  });
});

describe('agentMessageSenderFor', () => {
  const connection = (settings: Record<string, unknown> = {}) => ({ id: CONNECTION_ID, botPlatformSettings: settings }) as unknown as Connection;
  const secrets = (botPlatformSecrets: Record<string, string> = {}) => ({ botPlatformSecrets }) as ConnectionSecrets;
  const handoverOf = (platform: string, platformContext: Record<string, unknown>) => ({ id: 'h-1', platform, platformConversationId: 'c-1', platformContext }) as HandoverEntity;

  it('builds the generic and Cognigy senders from the handover context and the connection secrets', () => {
    expect(agentMessageSenderFor(handoverOf('generic', { callbackUrl: 'https://bot.example/cb' }), connection(), secrets({ callbackHmacSecret: 's'.repeat(20) })).platform).toBe('generic');
    const cognigy = agentMessageSenderFor(handoverOf('cognigy', { endpointBaseUrl: 'https://endpoint.example', userId: 'u', sessionId: 's' }), connection(), secrets({ urlToken: 'tok' }));
    expect(cognigy.platform).toBe('cognigy');
    expect(cognigy.supportsTyping).toBe(false);
    const botKit = { baseUrl: 'https://bots.kore.example/api/botsdk/stream/st-1', requestId: '17', payload: { requestId: '17' } };
    const kore = agentMessageSenderFor(handoverOf('kore', { botKit }), connection({ botKitClientId: 'cs-1' }), secrets({ botKitClientSecret: 'k'.repeat(32) }));
    expect(kore.platform).toBe('kore');
    expect(kore.supportsTyping).toBe(false);
  });

  it.each([
    ['a generic handover without callbackUrl', handoverOf('generic', {}), secrets(), 'the handover has no callbackUrl'],
    ['a Cognigy handover without session', handoverOf('cognigy', { endpointBaseUrl: 'https://e.example', userId: 'u' }), secrets({ urlToken: 't' }), 'sessionId'],
    ['a Cognigy connection without URL token', handoverOf('cognigy', { endpointBaseUrl: 'https://e.example', userId: 'u', sessionId: 's' }), secrets(), 'urlToken'],
    ['a Kore handover without BotKit context', handoverOf('kore', {}), secrets({ botKitClientSecret: 'k' }), 'BotKit context'],
    ['a handover of an unknown platform', handoverOf('teams', {}), secrets(), 'teams'],
  ])('refuses %s with a TypeError (InvalidDestination)', (_case, found, sealed, problem) => {
    expect(() => agentMessageSenderFor(found, connection(), sealed)).toThrow(TypeError);
    expect(() => agentMessageSenderFor(found, connection(), sealed)).toThrow(problem);
  });
});
