import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { type GenesysClient, GenesysApiError, type GenesysErrorKind } from '@genesys-bridge/genesys-client';
import type { GenesysClients } from '@genesys-bridge/genesys-connections';
import { type Connection, type ConnectionRepository, HandoverEntity, type HandoverRepository, MessageEntity, type MessageRepository } from '@genesys-bridge/persistence';
import { RetryDeliveryLater } from '@genesys-bridge/queue-runtime';
import type { EndDetection } from '../end-detection/end-detection.service';
import type { HandoverEndReports } from '../handovers/handover-end-reports';
import { DeliveryMetrics } from './delivery-metrics';
import { GenesysRateBudget } from './genesys-rate-budget';
import { CONFIGURATION_RETRY_MS, ToGenesysDelivery, transientRetryDelayMs, TYPING_MAX_AGE_MS } from './to-genesys-delivery.service';

const NOW = Date.parse('2026-05-01T12:00:00.000Z');
const CONNECTION_ID = 'conn-1';
const HANDOVER_ID = 'handover-1';

/** In-memory outbox with the repository's semantics (status guards included). */
class FakeMessages {
  rows: MessageEntity[] = [];
  add(kind: string, payload: Record<string, unknown>, createdAt = new Date(NOW - 1_000)): MessageEntity {
    const row = {
      id: `row-${this.rows.length + 1}`,
      connectionId: CONNECTION_ID,
      source: 'generic',
      providerMessageId: `p-${this.rows.length + 1}`,
      direction: 'to-genesys',
      conversationKey: HANDOVER_ID,
      sequence: this.rows.length + 1,
      kind,
      payload,
      status: 'pending',
      attempts: 0,
      lastError: null,
      deliveredAt: null,
      createdAt,
      updatedAt: createdAt,
    } as MessageEntity;
    this.rows.push(row);
    return row;
  }
  async pendingInConversation(connectionId: string, direction: string, conversationKey: string, limit = 100) {
    return this.rows
      .filter((row) => row.connectionId === connectionId && row.direction === direction && row.conversationKey === conversationKey && row.status === 'pending')
      .slice(0, limit)
      .map((row) => ({ ...row }));
  }
  async markDelivered(id: string) {
    const row = this.find(id);
    if (row.status === 'pending') Object.assign(row, { status: 'delivered', deliveredAt: new Date() });
  }
  async markFailed(id: string, reason: string) {
    const row = this.find(id);
    if (row.status === 'pending') Object.assign(row, { status: 'failed', lastError: reason });
  }
  async recordAttempt(id: string, error: string | null) {
    const row = this.find(id);
    row.attempts += 1;
    if (error) row.lastError = error;
  }
  status = () => this.rows.map((row) => row.status);
  private find(id: string) {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no row ${id}`);
    return row;
  }
}

class FakeHandovers {
  handover = {
    id: HANDOVER_ID,
    connectionId: CONNECTION_ID,
    customer: { id: 'user-1', idType: 'Opaque', nickname: 'Ann' },
    attributes: { QueueName: 'Support' },
    genesysConversationId: null,
    status: 'starting',
    endedAt: null,
    endReason: null,
  } as unknown as HandoverEntity;
  async findById(id: string) {
    return id === this.handover.id ? { ...this.handover } : null;
  }
  async attachGenesysConversation(_id: string, genesysConversationId: string) {
    if (this.handover.status === 'starting') Object.assign(this.handover, { genesysConversationId, status: 'active' });
  }
  async end(_id: string, reason: string) {
    if (this.handover.status === 'ended') return false;
    Object.assign(this.handover, { status: 'ended', endedAt: new Date(NOW), endReason: reason });
    return true;
  }
}

function apiError(kind: GenesysErrorKind, status?: number, retryAfterMs?: number) {
  return new GenesysApiError({ kind, status, retryAfterMs, message: `Genesys POST /x failed (${kind}): ${status ?? ''}` });
}

function setup({ budgetPoints = 1_000, connection = {} as Partial<Connection> } = {}) {
  const messages = new FakeMessages();
  const handovers = new FakeHandovers();
  const client = {
    sendInboundMessage: jest.fn(async () => ({ id: 'g-msg', conversationId: 'genesys-conv-1' })),
    sendStructuredResponse: jest.fn(async () => ({ id: 'g-sr' })),
    sendInboundEvent: jest.fn(async () => ({ id: 'g-ev' })),
    getMessageConversation: jest.fn(async (id: string) => ({
      id,
      participants: [
        { id: 'acd-1', purpose: 'acd', state: 'disconnected' },
        { id: 'customer-1', purpose: 'customer', state: 'connected' },
      ],
    })),
    disconnectParticipant: jest.fn(async () => undefined),
    disconnectConversation: jest.fn(async () => undefined),
  };
  const connections = {
    findById: async (id: string) => (id === CONNECTION_ID ? ({ id, genesysClientId: 'oauth-1', openMessagingIntegrationId: 'integration-1', ...connection } as Connection) : null),
  };
  const genesys = { forConnection: async () => client as unknown as GenesysClient };
  const budget = new GenesysRateBudget(new RateLimiterMemory({ points: budgetPoints, duration: 60 }));
  // The one query the delivery makes itself: where an ended handover's disconnect row sits.
  // The queries the delivery makes itself: where an ended handover's disconnect row sits, and the Genesys
  // conversation of a handover that ended before its first message was delivered.
  const dataSource = {
    getRepository: (entity: unknown) =>
      entity === MessageEntity
        ? { findOne: async ({ where }: { where: { kind: string } }) => messages.rows.filter((row) => row.kind === where.kind).sort((a, b) => a.sequence - b.sequence)[0] ?? null }
        : entity === HandoverEntity
          ? {
              update: async (_where: unknown, values: Partial<HandoverEntity>) => {
                if (handovers.handover.genesysConversationId === null) Object.assign(handovers.handover, values);
              },
            }
          : undefined,
  };
  const endReports = { reported: [] as { handoverId: string; status: string; reason?: string }[], report: async (handover: HandoverEntity, status: string, reason?: string) => void endReports.reported.push({ handoverId: handover.id, status, reason }) };
  const registry = new Registry();
  const endDetection = { armNoAgentCheck: jest.fn(async (_connectionId: string, _handoverId: string, _delayMs: number) => undefined) };
  const delivery = new ToGenesysDelivery(
    messages as unknown as MessageRepository,
    handovers as unknown as HandoverRepository,
    connections as unknown as ConnectionRepository,
    genesys as unknown as GenesysClients,
    budget,
    new DeliveryMetrics(registry),
    dataSource as unknown as DataSource,
    endReports as unknown as HandoverEndReports,
    endDetection as unknown as EndDetection,
  );
  delivery.clock = () => NOW;
  const deliver = () => delivery.deliverConversation({ v: 1, connectionId: CONNECTION_ID, conversationKey: HANDOVER_ID });
  const metric = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values ?? [];
  return { messages, handovers, client, delivery, deliver, metric, endReports, endDetection };
}

async function retryOf(promise: Promise<unknown>): Promise<RetryDeliveryLater> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(RetryDeliveryLater);
  return error as RetryDeliveryLater;
}

describe('ToGenesysDelivery', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('sends pending rows in order, participant data on the first message only, and stores the Genesys conversation id', async () => {
    const { messages, handovers, client, deliver, metric } = setup();
    messages.add('transcript', { text: 'Bot: hi' });
    messages.add('text', { text: 'I need an agent', customAttributes: { QueueName: 'Support' } });
    await deliver();

    expect(messages.status()).toEqual(['delivered', 'delivered']);
    const [first, second] = client.sendInboundMessage.mock.calls as unknown as [string, { channel: Record<string, unknown>; text: string }, Record<string, unknown>][];
    expect(first[0]).toBe('integration-1');
    expect(first[1]).toEqual({
      channel: { messageId: 'row-1', time: new Date(NOW - 1_000).toISOString(), from: { id: 'user-1', idType: 'Opaque', nickname: 'Ann' }, metadata: { customAttributes: { QueueName: 'Support' } } },
      text: 'Bot: hi',
    });
    expect(first[2]).toEqual({ prefetchConversationId: true, correlationId: 'row-1' });
    expect(second[1].channel.metadata).toBeUndefined();
    expect(second[1].channel.messageId).toBe('row-2');
    expect(handovers.handover).toMatchObject({ genesysConversationId: 'genesys-conv-1', status: 'active' });
    expect(await metric('genesys_bridge_delivery_delivered_total')).toEqual([expect.objectContaining({ value: 2, labels: { direction: 'to-genesys' } })]);
  });

  it('arms the no-agent timer when Genesys takes the handover, only with noAgentTimeoutMs, and never fails delivery over it', async () => {
    const off = setup();
    off.messages.add('text', { text: 'I need an agent', customAttributes: { QueueName: 'Support' } });
    await off.deliver();
    expect(off.endDetection.armNoAgentCheck).not.toHaveBeenCalled();

    const on = setup({ connection: { botPlatformSettings: { noAgentTimeoutMs: 120_000 } } });
    on.endDetection.armNoAgentCheck.mockRejectedValueOnce(new Error('redis down'));
    on.messages.add('text', { text: 'I need an agent', customAttributes: { QueueName: 'Support' } });
    on.messages.add('text', { text: 'still there?' });
    await on.deliver();
    expect(on.endDetection.armNoAgentCheck.mock.calls).toEqual([[CONNECTION_ID, HANDOVER_ID, 120_000]]);
    expect(on.messages.status()).toEqual(['delivered', 'delivered']);
  });

  it('stops at a transient failure with a backoff from the row attempts, leaving it and later rows pending', async () => {
    const { messages, client, deliver } = setup();
    messages.add('text', { text: 'one' });
    messages.add('text', { text: 'two' });
    messages.rows[0].attempts = 2;
    client.sendInboundMessage.mockRejectedValueOnce(apiError('transient', 503));

    const retry = await retryOf(deliver());
    expect(retry.delayMs).toBe(4_000);
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(1);
    expect(messages.status()).toEqual(['pending', 'pending']);
    expect(messages.rows[0]).toMatchObject({ attempts: 3, lastError: expect.stringContaining('transient') });

    await deliver();
    expect(messages.status()).toEqual(['delivered', 'delivered']);
    expect((client.sendInboundMessage.mock.calls as unknown as [string, { channel: { messageId: string } }][]).map(([, message]) => message.channel.messageId)).toEqual(['row-1', 'row-1', 'row-2']);
  });

  it('caps the transient backoff', () => {
    expect([0, 1, 2, 5, 50].map(transientRetryDelayMs)).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
  });

  it('honours Retry-After exactly on 429 and closes the shared budget for that long', async () => {
    const { messages, client, deliver, metric } = setup();
    messages.add('text', { text: 'one' });
    client.sendInboundMessage.mockRejectedValueOnce(apiError('rate-limited', 429, 2_500));

    expect((await retryOf(deliver())).delayMs).toBe(2_500);
    const next = await retryOf(deliver()); // the budget is closed: nothing is sent
    expect(next.delayMs).toBeGreaterThan(2_000);
    expect(next.delayMs).toBeLessThanOrEqual(3_000);
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(1);
    expect(await metric('genesys_bridge_delivery_throttled_total')).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 1, labels: { direction: 'to-genesys', source: 'genesys' } }), expect.objectContaining({ value: 1, labels: { direction: 'to-genesys', source: 'budget' } })]),
    );
  });

  it('marks a permanently refused row failed and goes on with the next one', async () => {
    const { messages, client, deliver, metric } = setup();
    messages.add('text', { text: 'before' });
    messages.add('attachment', { attachments: [{ url: 'ftp://bad/x.png' }] });
    messages.add('text', { text: 'after' });
    client.sendInboundMessage.mockResolvedValueOnce({ id: 'g-1', conversationId: 'genesys-conv-1' }).mockRejectedValueOnce(apiError('permanent', 400));

    await deliver();
    expect(messages.status()).toEqual(['delivered', 'failed', 'delivered']);
    expect(messages.rows[1].lastError).toContain('400');
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(3);
    expect(await metric('genesys_bridge_delivery_failed_total')).toEqual([expect.objectContaining({ value: 1, labels: { direction: 'to-genesys' } })]);
  });

  it('ends the handover and reports an error to the bot platform when Genesys refuses the message carrying the participant data', async () => {
    const { messages, handovers, client, deliver, endReports } = setup();
    messages.add('transcript', { text: 'Bot: hi' });
    messages.add('text', { text: 'I need an agent', customAttributes: { QueueName: 'Support' } });
    messages.add('text', { text: 'anyone?' });
    client.sendInboundMessage.mockRejectedValueOnce(apiError('permanent', 400)).mockRejectedValueOnce(apiError('permanent', 400));

    await deliver();
    // The transcript refused alone does not doom the handover; the participant-data message does.
    expect(messages.status()).toEqual(['failed', 'failed', 'failed']);
    expect(messages.rows[2].lastError).toContain('ended');
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(2);
    expect(handovers.handover).toMatchObject({ status: 'ended', endReason: 'genesys-refused: 400' });
    expect(endReports.reported).toEqual([{ handoverId: HANDOVER_ID, status: 'error', reason: 'genesys-refused: 400' }]);
  });

  it('marks a payload that can never be sent failed without calling Genesys', async () => {
    const { messages, client, deliver } = setup();
    messages.add('text', {});
    messages.add('sticker', { id: 1 });
    messages.add('text', { text: 'ok' });
    await deliver();
    expect(messages.status()).toEqual(['failed', 'failed', 'delivered']);
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(1);
    // The failed first row did not use up the participant data: the first message sent carries it.
    expect((client.sendInboundMessage.mock.calls[0] as unknown as [string, { channel: { metadata?: unknown } }])[1].channel.metadata).toEqual({ customAttributes: { QueueName: 'Support' } });
  });

  it('retries refused credentials in 30 s', async () => {
    const { messages, client, deliver } = setup();
    messages.add('text', { text: 'one' });
    client.sendInboundMessage.mockRejectedValueOnce(apiError('auth', 401));
    expect((await retryOf(deliver())).delayMs).toBe(CONFIGURATION_RETRY_MS);
    expect(messages.status()).toEqual(['pending']);
  });

  it('waits for the rate budget instead of sending when it is spent', async () => {
    const { messages, client, deliver } = setup({ budgetPoints: 2 });
    for (let i = 0; i < 3; i++) messages.add('text', { text: `m${i}` });
    const retry = await retryOf(deliver());
    expect(retry.delayMs).toBeGreaterThan(55_000);
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(2);
    expect(messages.status()).toEqual(['delivered', 'delivered', 'pending']);
  });

  it('sends quick-reply answers as structured responses and fresh typing as a Typing event; stale typing is skipped', async () => {
    const { messages, handovers, client, deliver } = setup();
    Object.assign(handovers.handover, { genesysConversationId: 'genesys-conv-1', status: 'active' });
    messages.add('quick-reply-answer', { quickReply: { text: 'Yes', payload: 'yes', originatingMessageId: 'g-9' } });
    messages.add('typing', {}, new Date(NOW - TYPING_MAX_AGE_MS - 1_000));
    messages.add('typing', {}, new Date(NOW - 1_000));
    await deliver();
    expect(messages.status()).toEqual(['delivered', 'delivered', 'delivered']);
    expect(client.sendStructuredResponse).toHaveBeenCalledWith(
      'integration-1',
      expect.objectContaining({ buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' }, originatingMessageId: 'g-9' }),
      { correlationId: 'row-1' },
    );
    expect(client.sendInboundEvent).toHaveBeenCalledTimes(1);
    expect(client.sendInboundEvent).toHaveBeenCalledWith('integration-1', expect.objectContaining({ channel: expect.objectContaining({ messageId: 'row-3' }) }), { correlationId: 'row-3' });
  });

  it('skips typing before the Genesys conversation exists', async () => {
    const { messages, client, deliver } = setup();
    messages.add('typing', {}, new Date(NOW));
    await deliver();
    expect(messages.status()).toEqual(['delivered']);
    expect(client.sendInboundEvent).not.toHaveBeenCalled();
  });

  it('disconnects the customer participant and ends the handover; messages stored after the disconnect are refused', async () => {
    const { messages, handovers, client, deliver } = setup();
    Object.assign(handovers.handover, { genesysConversationId: 'genesys-conv-1', status: 'active' });
    messages.add('disconnect', { reason: 'user-left' });
    messages.add('text', { text: 'too late' });
    await deliver();
    expect(client.getMessageConversation).toHaveBeenCalledWith('genesys-conv-1', { correlationId: 'row-1' });
    expect(client.disconnectParticipant).toHaveBeenCalledWith('genesys-conv-1', 'customer-1', { correlationId: 'row-1' });
    expect(client.disconnectConversation).not.toHaveBeenCalled();
    expect(handovers.handover).toMatchObject({ status: 'ended', endReason: 'user-left' });
    expect(messages.status()).toEqual(['delivered', 'failed']);
    expect(client.sendInboundMessage).not.toHaveBeenCalled();
  });

  it('delivers what was stored before the end of an already ended handover, then disconnects; typing is skipped', async () => {
    const { messages, handovers, client, deliver } = setup();
    Object.assign(handovers.handover, { genesysConversationId: 'genesys-conv-1', status: 'ended', endedAt: new Date(NOW), endReason: 'user-ended' });
    messages.add('text', { text: 'last words' });
    messages.add('typing', {}, new Date(NOW));
    messages.add('disconnect', { reason: 'user-ended' });
    messages.add('text', { text: 'raced the end' });
    await deliver();
    expect(messages.status()).toEqual(['delivered', 'delivered', 'delivered', 'failed']);
    expect(messages.rows[3].lastError).toContain('disconnect #3');
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(1);
    expect(client.sendInboundEvent).not.toHaveBeenCalled();
    expect(client.disconnectParticipant).toHaveBeenCalledTimes(1);

    // A later drain still knows where the handover ended.
    messages.add('text', { text: 'even later' });
    await deliver();
    expect(messages.status()[4]).toBe('failed');
    expect(client.sendInboundMessage).toHaveBeenCalledTimes(1);
  });

  it('remembers the Genesys conversation of a handover ended before its first message went, for the disconnect', async () => {
    const { messages, handovers, client, deliver } = setup();
    Object.assign(handovers.handover, { status: 'ended', endedAt: new Date(NOW), endReason: 'user-ended' });
    messages.add('text', { text: 'hello', customAttributes: { QueueName: 'Support' } });
    messages.add('disconnect', { reason: 'user-ended' });
    client.disconnectParticipant.mockRejectedValueOnce(apiError('transient', 502));
    await retryOf(deliver());
    expect(handovers.handover).toMatchObject({ status: 'ended', genesysConversationId: 'genesys-conv-1' });
    await deliver(); // a later job reloads the handover: it still knows what to disconnect
    expect(messages.status()).toEqual(['delivered', 'delivered']);
    expect(client.disconnectParticipant).toHaveBeenCalledTimes(2);
    expect(client.disconnectParticipant).toHaveBeenLastCalledWith('genesys-conv-1', 'customer-1', { correlationId: 'row-2' });
  });

  it('disconnects the whole conversation when no customer participant is found', async () => {
    const { messages, handovers, client, deliver } = setup();
    Object.assign(handovers.handover, { genesysConversationId: 'genesys-conv-1', status: 'active' });
    client.getMessageConversation.mockResolvedValueOnce({ id: 'genesys-conv-1', participants: [] });
    messages.add('disconnect', { reason: 'user-left' });
    await deliver();
    expect(client.disconnectConversation).toHaveBeenCalledWith('genesys-conv-1', { correlationId: 'row-1' });
    expect(messages.status()).toEqual(['delivered']);
  });

  it('only ends the handover when it never got a Genesys conversation', async () => {
    const { messages, handovers, client, deliver } = setup();
    messages.add('disconnect', { reason: 'user-left' });
    await deliver();
    expect(client.getMessageConversation).not.toHaveBeenCalled();
    expect(messages.status()).toEqual(['delivered']);
    expect(handovers.handover.status).toBe('ended');
  });

  it('fails the rows of a handover that does not exist, and waits for a missing Open Messaging integration', async () => {
    const gone = setup();
    gone.messages.add('text', { text: 'x' });
    gone.handovers.handover.id = 'another';
    await gone.deliver();
    expect(gone.messages.status()).toEqual(['failed']);

    const unconfigured = setup({ connection: { openMessagingIntegrationId: null } });
    unconfigured.messages.add('text', { text: 'x' });
    expect((await retryOf(unconfigured.deliver())).delayMs).toBe(CONFIGURATION_RETRY_MS);
    expect(unconfigured.messages.status()).toEqual(['pending']);
  });

  it('lets other errors through (the consumer retries) and stops between rows when shutting down', async () => {
    const failing = setup();
    failing.messages.add('text', { text: 'x' });
    failing.client.sendInboundMessage.mockRejectedValueOnce(new Error('socket hang up'));
    await expect(failing.deliver()).rejects.toThrow('socket hang up');
    expect(failing.messages.status()).toEqual(['pending']);

    const stopping = setup();
    stopping.messages.add('text', { text: 'x' });
    stopping.delivery.stop();
    await retryOf(stopping.deliver());
    expect(stopping.client.sendInboundMessage).not.toHaveBeenCalled();
  });
});
