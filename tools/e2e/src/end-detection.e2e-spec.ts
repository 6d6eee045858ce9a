import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { GenesysClient } from '@genesys-bridge/genesys-client';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { QueueName } from '@genesys-bridge/queue-contracts';
import { redisConnectionOptions } from '@genesys-bridge/queue-runtime';
import { type LoopbackServer, startLoopbackServer, TEST_REDIS_URL, waitFor } from '@genesys-bridge/testing';
import { type AppStack, startAppStack } from './support/app-stack';

/**
 * Handover end detection (issue #6) end to end, with real processes and the Genesys simulator: handovers start through
 * the generic handover API, the worker opens the Genesys conversation, the simulated agent joins, transfers and ends;
 * the end reaches end detection through the HTTP intake (EventBridge-shaped events and Data Action bodies, the
 * Trigger path), through the backstop check with no signal at all, or through the no-agent fallback — and the bot
 * platform (a generic callback receiver here) is told. The Notifications WebSocket path is tested on its own.
 */

const WEBHOOK_SECRET = 'end-detection-webhook-secret-0123';
const API_KEY = 'end-detection-handover-key-0123456789';
const EVENT_KEY = 'end-detection-event-key-0123456789';
const CLIENT = { clientId: 'end-detection-client', clientSecret: 'end-detection-client-secret' };
const DEBOUNCE_MS = 4_000;
const BACKSTOP_INTERVAL_MS = 1_000;
const BACKSTOP_QUIET_MS = 6_000;
const NO_AGENT_TIMEOUT_MS = 10_000;
const TRANSFER_NOTICE = 'You are being transferred to a colleague';
const AGENT_LEFT_NOTICE = 'The agent has left the conversation';

interface BotDelivery {
  handoverId: string;
  messageId: string;
  output?: { kind: string; text?: string };
  event?: { type: string; status?: string; reason?: string; disconnectType?: string };
}

type Agent = ReturnType<GenesysSim['agent']>;

describe('handover-gateway: end detection (Triggers/EventBridge intake, backstop, no-agent fallback)', () => {
  let stack: AppStack;
  let sim: GenesysSim;
  let receiver: LoopbackServer;
  let genesys: GenesysClient;
  let connectionId: string;
  let noAgentConnectionId: string;
  let supportQueue: string;
  let billingQueue: string;
  let noAgentHandover: { handoverId: string; conversationId: string; startedAt: number };
  const delivered: BotDelivery[] = [];

  beforeAll(async () => {
    receiver = await startLoopbackServer((request) => {
      if (request.method === 'POST') delivered.push(request.json as BotDelivery);
      return { status: 200, body: { ok: true } };
    });
    [stack, sim] = await Promise.all([
      startAppStack('handover-gateway', {
        END_TRANSFER_DEBOUNCE_MS: String(DEBOUNCE_MS),
        END_BACKSTOP_INTERVAL_MS: String(BACKSTOP_INTERVAL_MS),
        END_BACKSTOP_QUIET_MS: String(BACKSTOP_QUIET_MS),
        // The WebSocket path has its own e2e: here no signal comes unless the test sends it.
        NOTIFICATIONS_ENABLED: 'false',
      }),
      createGenesysSim({ clients: [CLIENT], webhook: { timeoutMs: 5_000, retryIntervalMs: 100 } }),
    ]);
    supportQueue = sim.addQueue({ name: 'Support' }).id;
    billingQueue = sim.addQueue({ name: 'Billing' }).id;
    genesys = new GenesysClient({ hosts: { apiBaseUrl: sim.url, loginBaseUrl: sim.url }, credentials: CLIENT });
    const connection = async (name: string, settings: Record<string, unknown>) => {
      const integrationId = randomUUID();
      const id = (
        await stack.connections.create({
          name,
          genesysRegion: 'eu-west-1',
          genesysApiBaseUrl: sim.url,
          genesysLoginBaseUrl: sim.url,
          genesysClientId: CLIENT.clientId,
          genesysClientSecret: CLIENT.clientSecret,
          openMessagingIntegrationId: integrationId,
          botPlatform: 'generic',
          botPlatformSettings: { allowPrivateCallbackUrls: true, ...settings },
          webhookSecret: WEBHOOK_SECRET,
          botPlatformSecrets: { handoverApiKeys: [API_KEY], eventApiKeys: [EVENT_KEY] },
        })
      ).id;
      sim.addIntegration({
        id: integrationId,
        name: `bridge-${name}`,
        outboundNotificationWebhookUrl: `${stack.url}/genesys/open-messaging/${id}/webhook`,
        outboundNotificationWebhookSignatureSecretToken: WEBHOOK_SECRET,
        inboundQueueId: supportQueue,
      });
      return id;
    };
    connectionId = await connection('end-detection', { handoverNotices: { transfer: TRANSFER_NOTICE, agentLeft: AGENT_LEFT_NOTICE } });
    noAgentConnectionId = await connection('no-agent', { noAgentTimeoutMs: NO_AGENT_TIMEOUT_MS });
    // Started first: its timer runs while the other tests do.
    noAgentHandover = { ...(await startHandover(noAgentConnectionId)), startedAt: Date.now() };
  });

  afterAll(async () => {
    await genesys?.close();
    await sim?.close();
    await Promise.all([stack?.stop(), receiver?.close()]);
  });

  /** A generic handover through the API, once the worker opened its Genesys conversation (queued in Support). */
  async function startHandover(connection = connectionId): Promise<{ handoverId: string; conversationId: string }> {
    const response = await fetch(`${stack.url}/handovers/${connection}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        conversationId: `bot-conv-${randomUUID()}`,
        customer: { id: `customer-${randomUUID()}`, idType: 'Opaque' },
        firstMessage: { messageId: `first-${randomUUID()}`, text: 'I need a human' },
        callbackUrl: `${receiver.baseUrl}/bot/agent-messages`,
      }),
    });
    expect(response.status).toBe(202);
    const { handoverId } = (await response.json()) as { handoverId: string };
    const conversationId = await waitFor(
      async () => {
        const rows: { genesys_conversation_id: string | null }[] = await stack.dataSource.query('SELECT genesys_conversation_id FROM handovers WHERE id = ?', [handoverId]);
        return rows[0]?.genesys_conversation_id ?? null;
      },
      { timeoutMs: 20_000, intervalMs: 50, what: 'the handover to reach Genesys' },
    );
    return { handoverId, conversationId };
  }

  async function handoverRow(handoverId: string): Promise<{ status: string; end_reason: string | null }> {
    const [row] = await stack.dataSource.query('SELECT status, end_reason FROM handovers WHERE id = ?', [handoverId]);
    return row;
  }

  const toBot = (handoverId: string) => delivered.filter((message) => message.handoverId === handoverId);
  const endOf = (handoverId: string) => toBot(handoverId).find((message) => message.event?.type === 'handover-ended')?.event;
  const noticesOf = (handoverId: string) => toBot(handoverId).flatMap((message) => (message.output?.kind === 'text' ? [message.output.text] : []));

  function postEvent(body: unknown, key: string | null = EVENT_KEY, connection = connectionId, headerName = 'x-api-key'): Promise<Response> {
    return fetch(`${stack.url}/genesys/events/${connection}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { [headerName]: key }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** What the Amazon EventBridge source + a rule + an API destination POST (docs/end-detection/). */
  function eventBridgeEvent(conversationId: string, suffix: string, eventBody: Record<string, unknown> = {}): Record<string, unknown> {
    const topicName = `v2.detail.events.conversation.${conversationId}.${suffix}`;
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': topicName,
      source: 'aws.partner/genesys.com/cloud/sim-org/bridge',
      account: '123456789012',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: [],
      detail: { topicName, version: '2', eventBody: { eventTime: Date.now(), conversationId, mediaType: 'MESSAGE', messageType: 'OPEN', ...eventBody } },
    };
  }

  async function agentJoins(conversationId: string, name = 'Ann'): Promise<Agent> {
    const agent = sim.agent(conversationId);
    agent.join({ name });
    return agent;
  }

  it('trigger path: the agent ends, an EventBridge customer.end arrives, the bot is told completed without waiting for the debounce', async () => {
    const { handoverId, conversationId } = await startHandover();
    const agent = await agentJoins(conversationId);
    agent.end();
    const sentAt = Date.now();
    const response = await postEvent(eventBridgeEvent(conversationId, 'customer.end', { disconnectType: 'peer' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted' });

    const ended = await waitFor(() => endOf(handoverId), { timeoutMs: 15_000, what: 'the bot platform to be told the handover ended' });
    expect(Date.now() - sentAt).toBeLessThan(DEBOUNCE_MS);
    expect(ended).toEqual({ type: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' });
    // The agent-left notice comes first, then the end.
    expect(toBot(handoverId).map((message) => message.output?.text ?? message.event?.type)).toEqual([AGENT_LEFT_NOTICE, 'handover-ended']);
    expect(await handoverRow(handoverId)).toEqual({ status: 'ended', end_reason: 'agent-ended' });
  });

  it('trigger path: a Data Action body (customer.end) for a customer who left ends it as customer-disconnected', async () => {
    const { handoverId, conversationId } = await startHandover();
    await agentJoins(conversationId);
    const customer = (await genesys.getMessageConversation(conversationId)).participants.find((participant) => participant.purpose === 'customer');
    await genesys.disconnectParticipant(conversationId, customer?.id as string);
    const response = await postEvent({ conversationId, eventType: 'customer.end', eventTime: Date.now(), disconnectType: 'client', userId: '' }, EVENT_KEY, connectionId, 'authorization');
    expect(response.status).toBe(202);
    expect(await waitFor(() => endOf(handoverId), { timeoutMs: 15_000, what: 'the end' })).toEqual({ type: 'handover-ended', status: 'completed', reason: 'customer-disconnected', disconnectType: 'client' });
    expect(noticesOf(handoverId)).toEqual([]);
  });

  it('a transfer is not an end: acw + user.end, then another agent joins; the user gets the transfer notice once; the later end is reported', async () => {
    const { handoverId, conversationId } = await startHandover();
    const first = await agentJoins(conversationId, 'Ann');
    first.transfer(billingQueue);
    for (const suffix of ['acw', 'user.end']) {
      expect((await postEvent({ conversationId, topicName: `v2.detail.events.conversation.{id}.${suffix}`, eventTime: Date.now() })).status).toBe(202);
    }
    // The same acw again through EventBridge: the same evaluation.
    expect((await postEvent(eventBridgeEvent(conversationId, 'acw'))).status).toBe(202);
    await waitFor(() => noticesOf(handoverId).length > 0, { timeoutMs: DEBOUNCE_MS + 15_000, what: 'the transfer notice' });
    expect(noticesOf(handoverId)).toEqual([TRANSFER_NOTICE]);
    expect(await handoverRow(handoverId)).toEqual({ status: 'active', end_reason: null });

    const second = await agentJoins(conversationId, 'Bob');
    second.sendText('Hi, Bob from billing here');
    await sleep(DEBOUNCE_MS + 1_000);
    expect(endOf(handoverId)).toBeUndefined();
    expect(noticesOf(handoverId)).toEqual([TRANSFER_NOTICE, 'Hi, Bob from billing here']);

    second.end();
    expect((await postEvent(eventBridgeEvent(conversationId, 'customer.end', { disconnectType: 'peer' }))).status).toBe(202);
    expect(await waitFor(() => endOf(handoverId), { timeoutMs: 15_000, what: 'the end after the transfer' })).toEqual({ type: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' });
    expect(noticesOf(handoverId)).toEqual([TRANSFER_NOTICE, 'Hi, Bob from billing here', AGENT_LEFT_NOTICE]);
  });

  it('backstop: an end nobody signals is found by the periodic conversation check within its interval', async () => {
    const { handoverId, conversationId } = await startHandover();
    const agent = await agentJoins(conversationId);
    agent.end();
    const endedAt = Date.now();
    const ended = await waitFor(() => endOf(handoverId), { timeoutMs: BACKSTOP_QUIET_MS + BACKSTOP_INTERVAL_MS + 15_000, what: 'the backstop to find the end' });
    expect(ended).toEqual({ type: 'handover-ended', status: 'completed', reason: 'agent-ended', disconnectType: 'peer' });
    expect(Date.now() - endedAt).toBeLessThan(BACKSTOP_QUIET_MS + BACKSTOP_INTERVAL_MS + 10_000);
  });

  it('no-agent fallback: nobody answered within noAgentTimeoutMs — ended in Genesys and back to the bot as cancelled / no-agent', async () => {
    const { handoverId, conversationId, startedAt } = noAgentHandover;
    const ended = await waitFor(() => endOf(handoverId), { timeoutMs: NO_AGENT_TIMEOUT_MS + 20_000, what: 'the no-agent fallback' });
    expect(ended).toEqual({ type: 'handover-ended', status: 'cancelled', reason: 'no-agent' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(NO_AGENT_TIMEOUT_MS - 1_000);
    expect(await handoverRow(handoverId)).toEqual({ status: 'ended', end_reason: 'no-agent' });
    // The to-genesys worker disconnected the customer (the same calls as a user-side end).
    await waitFor(() => sim.conversation(conversationId)?.participants.find((participant) => participant.purpose === 'customer')?.state === 'disconnected', {
      timeoutMs: 15_000,
      what: 'the customer to be disconnected in Genesys',
    });
  });

  it("shows end-detection metrics at the worker's /metrics", async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${stack.env.WORKER_HTTP_PORT}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1] ?? Number.NaN);
    expect(value(/genesys_bridge_handovers_ended_total\{[^}]*reason="agent-ended"[^}]*\} (\d+)/)).toBeGreaterThanOrEqual(3);
    expect(value(/genesys_bridge_handovers_ended_total\{[^}]*reason="customer-disconnected"[^}]*\} (\d+)/)).toBe(1);
    expect(value(/genesys_bridge_handovers_ended_total\{[^}]*reason="no-agent"[^}]*\} (\d+)/)).toBe(1);
    expect(value(/genesys_bridge_handover_end_detection_lag_seconds_count\{[^}]*path="eventbridge"[^}]*\} (\d+)/)).toBeGreaterThanOrEqual(2);
    expect(value(/genesys_bridge_handover_end_detection_lag_seconds_count\{[^}]*path="backstop"[^}]*\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/genesys_bridge_handover_end_detection_lag_seconds_bucket\{le="10",[^}]*path="eventbridge"/);
  });

  it('answers bad bodies with 400 and field paths, a wrong or missing key with 401, and a conversation not ours with 202 (nothing queued)', async () => {
    const bad = await postEvent({ conversationId: 'x y', eventType: 'agent.left' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual(['eventType', 'conversationId']);
    const badBridge = await postEvent({ 'detail-type': 'v2.detail.events.conversation.{id}.acw', detail: { eventBody: { eventTime: 'soon' } } });
    expect(badBridge.status).toBe(400);
    expect(((await badBridge.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toEqual(['detail.eventBody.conversationId', 'detail.eventBody.eventTime']);
    expect((await postEvent('[1, 2]')).status).toBe(400);

    const wrongKey = await postEvent({ conversationId: randomUUID(), eventType: 'acw' }, 'not-the-key');
    expect(wrongKey.status).toBe(401);
    expect((await postEvent({ conversationId: randomUUID(), eventType: 'acw' }, null)).status).toBe(401);
    // The handover API key is not an event key.
    expect((await postEvent({ conversationId: randomUUID(), eventType: 'acw' }, API_KEY)).status).toBe(401);
    expect((await postEvent({ conversationId: randomUUID(), eventType: 'acw' }, EVENT_KEY, randomUUID())).status).toBe(404);

    const queue = new Queue(QueueName.EndDetection, { connection: redisConnectionOptions(TEST_REDIS_URL, 'http'), prefix: stack.env.QUEUE_PREFIX });
    try {
      const stranger = randomUUID();
      const notOurs = await postEvent(eventBridgeEvent(stranger, 'customer.end'));
      expect(notOurs.status).toBe(202);
      expect(await notOurs.json()).toEqual({ status: 'accepted' });
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
      expect(jobs.filter((job) => (job.data as { genesysConversationId?: string }).genesysConversationId === stranger)).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});
