import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CognigySim, createCognigySim } from '@genesys-bridge/bot-sims';
import { GenesysClient } from '@genesys-bridge/genesys-client';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { HandoverRepository } from '@genesys-bridge/persistence';
import { type LoopbackAnswer, type LoopbackRequest, type LoopbackServer, startLoopbackServer, waitFor } from '@genesys-bridge/testing';
import { type AppStack, startAppStack } from './support/app-stack';

/**
 * Agent → user, end to end with real processes: the Genesys simulator's agent sends, Genesys' signed webhook reaches
 * the handover-gateway HTTP process (inbox), the worker process delivers to the bot platform (a generic callback
 * receiver written here, the Cognigy simulator's notify route) and posts receipts back to the simulator.
 *
 * Order key: Genesys' `channel.time` (its send order; the only sender-side order, message ids are random), each
 * message held TO_BOT_REORDER_WINDOW_MS (default 1 s) after it was sent so a late earlier one can still go first.
 * The tests assert the receiver's order equals the agent's send order, also when the simulator reorders webhooks.
 */

const SIM_SECRET = 'sim-integration-secret-0123456789';
const CALLBACK_HMAC = 'callback-hmac-secret-0123456789';
const URL_TOKEN = 'cognigy-url-token-0123456789';
const CLIENT = { clientId: 'bridge-client', clientSecret: 'bridge-client-secret' };
const HANDOVER_WAIT_ATTEMPTS = 4;

interface CallbackMessage {
  handoverId: string;
  conversationId: string;
  messageId: string;
  from: { type: string; name?: string };
  output?: { kind: string; text?: string; url?: string; mediaType?: string };
  event?: { type: string };
}

/**
 * What a bot developer would put behind the generic callback URL: checks the signature over the raw bytes, keeps
 * the first copy of each `Idempotency-Key` (a resend is answered 200 and dropped), records what it accepted in
 * order. `script` makes it refuse or fail chosen texts.
 */
class CallbackReceiver {
  /** Accepted messages, in the order they were accepted, per handover. */
  readonly accepted = new Map<string, CallbackMessage[]>();
  /** Every request, per idempotency key (resends included). */
  readonly attempts = new Map<string, number>();
  readonly badSignatures: LoopbackRequest[] = [];
  private readonly acceptedKeys = new Set<string>();
  duplicates = 0;
  /** Answer for a text: a status to send instead of accepting (consumed per request). */
  readonly script = new Map<string, number[]>();
  private server?: LoopbackServer;

  async start(): Promise<string> {
    this.server = await startLoopbackServer((request) => this.receive(request));
    return `${this.server.baseUrl}/bot/agent-messages`;
  }

  close(): Promise<void> {
    return this.server?.close() ?? Promise.resolve();
  }

  of(handoverId: string): CallbackMessage[] {
    return this.accepted.get(handoverId) ?? [];
  }

  textsOf(handoverId: string): string[] {
    return this.of(handoverId)
      .filter((message) => message.output?.kind === 'text')
      .map((message) => message.output?.text as string);
  }

  private receive(request: LoopbackRequest): LoopbackAnswer {
    const expected = Buffer.from(`sha256=${createHmac('sha256', CALLBACK_HMAC).update(request.bodyText).digest('base64')}`);
    const received = Buffer.from(String(request.headers['x-bridge-signature'] ?? ''));
    if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
      this.badSignatures.push(request);
      return { status: 401 };
    }
    const key = String(request.headers['idempotency-key']);
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    const message = request.json as CallbackMessage;
    const scripted = this.script.get(message.output?.text ?? '')?.shift();
    if (scripted !== undefined) return { status: scripted, body: { message: `scripted ${scripted}` } };
    if (this.acceptedKeys.has(key)) {
      this.duplicates += 1;
      return { status: 200, body: { duplicate: true } };
    }
    this.acceptedKeys.add(key);
    const list = this.accepted.get(message.handoverId) ?? [];
    list.push(message);
    this.accepted.set(message.handoverId, list);
    return { status: 200, body: { ok: true } };
  }
}

describe('handover-gateway: agent → user delivery (Genesys simulator → webhook → worker → bot platform)', () => {
  let stack: AppStack;
  let sim: GenesysSim;
  let cognigy: CognigySim;
  let receiver: CallbackReceiver;
  let callbackUrl: string;
  let handovers: HandoverRepository;
  let genesys: GenesysClient;
  let connectionId: string;
  const integrationId = randomUUID();

  beforeAll(async () => {
    receiver = new CallbackReceiver();
    [stack, sim, cognigy, callbackUrl] = await Promise.all([
      startAppStack('handover-gateway', { TO_BOT_HANDOVER_WAIT_ATTEMPTS: String(HANDOVER_WAIT_ATTEMPTS) }),
      createGenesysSim({ clients: [CLIENT], webhook: { timeoutMs: 5_000, retryIntervalMs: 100, deliverReceipts: true }, faults: { seed: 7 } }),
      createCognigySim({ urlTokens: [URL_TOKEN] }),
      receiver.start(),
    ]);
    handovers = new HandoverRepository(stack.dataSource);
    connectionId = (
      await stack.connections.create({
        name: 'to-bot-org',
        genesysRegion: 'eu-west-1',
        genesysApiBaseUrl: sim.url,
        genesysLoginBaseUrl: sim.url,
        genesysClientId: CLIENT.clientId,
        genesysClientSecret: CLIENT.clientSecret,
        openMessagingIntegrationId: integrationId,
        botPlatform: 'generic',
        // The receivers listen on 127.0.0.1: allowed explicitly (SSRF guard).
        botPlatformSettings: { allowPrivateCallbackUrls: true },
        webhookSecret: SIM_SECRET,
        botPlatformSecrets: { callbackHmacSecret: CALLBACK_HMAC, urlToken: URL_TOKEN },
      })
    ).id;
    sim.addIntegration({
      id: integrationId,
      name: 'bridge',
      outboundNotificationWebhookUrl: `${stack.url}/genesys/open-messaging/${connectionId}/webhook`,
      outboundNotificationWebhookSignatureSecretToken: SIM_SECRET,
      outboundTypingEnabled: true,
    });
    genesys = new GenesysClient({ hosts: { apiBaseUrl: sim.url, loginBaseUrl: sim.url }, credentials: CLIENT });
  });

  afterEach(() => {
    sim.options.faults.webhookDuplicate = { next: 0, probability: 0 };
    sim.options.faults.webhookReorder = { next: 0, probability: 0 };
  });

  afterAll(async () => {
    await genesys?.close();
    await sim?.close();
    await Promise.all([stack?.stop(), cognigy?.close(), receiver?.close()]);
  });

  /** What the handover start does: an inbound message opens the Genesys conversation (prefetched id). */
  async function openConversation(): Promise<{ conversationId: string; customer: string }> {
    const customer = `customer-${randomUUID()}@example.com`;
    const answer = await genesys.sendInboundMessage(
      integrationId,
      { channel: { messageId: randomUUID(), time: new Date().toISOString(), from: { id: customer, idType: 'Email', nickname: 'Guest' } }, text: 'I need a human' },
      { prefetchConversationId: true },
    );
    return { conversationId: answer.conversationId as string, customer };
  }

  /** A handover as the handover API stores it, attached to the Genesys conversation unless told otherwise. */
  async function seedHandover(conversationId: string, platform: 'generic' | 'cognigy', platformContext: Record<string, unknown>, attach = true): Promise<string> {
    const { handover } = await handovers.start(
      { connectionId, platform, platformConversationId: `bot-${randomUUID()}`, platformContext, customer: { id: 'customer', idType: 'Email' }, attributes: {} },
      [],
    );
    if (attach) await handovers.attachGenesysConversation(handover.id, conversationId);
    return handover.id;
  }

  async function genericConversation(): Promise<{ conversationId: string; handoverId: string; agent: ReturnType<GenesysSim['agent']> }> {
    const { conversationId } = await openConversation();
    const handoverId = await seedHandover(conversationId, 'generic', { callbackUrl });
    const agent = sim.agent(conversationId);
    agent.join({ name: 'Ann' });
    return { conversationId, handoverId, agent };
  }

  /** Sends texts a few ms apart: Genesys stamps `channel.time` in ms, and a human does not send two in one ms. */
  async function sendTexts(agent: ReturnType<GenesysSim['agent']>, texts: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const text of texts) {
      ids.push(agent.sendText(text).id);
      await sleep(3);
    }
    return ids;
  }

  const receiptsFor = (ids: readonly string[]) => sim.state.receipts.filter((receipt) => ids.includes(receipt.messageId));

  async function waitForReceipts(ids: readonly string[], timeoutMs = 30_000): Promise<void> {
    await waitFor(() => receiptsFor(ids).length >= ids.length, { timeoutMs, intervalMs: 50, what: `${ids.length} receipts (got ${receiptsFor(ids).length})` });
  }

  it('delivers 30 texts, an attachment and typing to the generic callback exactly once, in order, with a Delivered receipt each', async () => {
    const { handoverId, agent } = await genericConversation();
    const typing = agent.startTyping(5_000);
    const texts = Array.from({ length: 30 }, (_, i) => `agent text ${i + 1}`);
    const ids = await sendTexts(agent, texts);
    const attachment = agent.sendAttachment({ mediaType: 'Image', url: 'https://api-downloads.example/files/receipt.png', mime: 'image/png', filename: 'receipt.png' }, { text: 'Your receipt' });
    const messageIds = [...ids, attachment.id];
    await sim.idle();
    await waitForReceipts(messageIds);

    expect(receiver.textsOf(handoverId)).toEqual(texts);
    const accepted = receiver.of(handoverId);
    expect(accepted.map((message) => message.messageId)).toEqual([typing.id, ...messageIds]);
    expect(accepted[0]).toMatchObject({ event: { type: 'typing' }, from: { type: 'agent' } });
    expect(accepted.at(-1)).toMatchObject({
      messageId: attachment.id,
      output: { kind: 'media', mediaType: 'Image', url: 'https://api-downloads.example/files/receipt.png', text: 'Your receipt' },
    });
    expect(accepted[1]).toMatchObject({ handoverId, messageId: ids[0], from: { type: 'agent' }, output: { kind: 'text', text: 'agent text 1' } });
    // Exactly once: no key was sent twice, and nothing had to be dropped as a duplicate.
    expect(messageIds.map((id) => receiver.attempts.get(id))).toEqual(messageIds.map(() => 1));
    expect(receiver.badSignatures).toEqual([]);

    const receipts = receiptsFor(messageIds);
    expect(receipts.map((receipt) => [receipt.messageId, receipt.status, receipt.accepted])).toEqual(messageIds.map((id) => [id, 'Delivered', true]));
    expect(receiptsFor([typing.id])).toEqual([]);
    const rows: { status: string; kind: string }[] = await stack.dataSource.query('SELECT status, kind FROM messages WHERE connection_id = ? AND direction = ?', [connectionId, 'to-bot']);
    expect(rows.filter((row) => row.status !== 'delivered')).toEqual([]);
  });

  it('keeps each message once and in send order while the simulator duplicates and reorders webhook deliveries', async () => {
    const { conversationId, handoverId, agent } = await genericConversation();
    sim.options.faults.webhookDuplicate = { next: 2, probability: 0.3 };
    sim.options.faults.webhookReorder = { next: 1, probability: 0.3 };
    const texts = Array.from({ length: 30 }, (_, i) => `faulty-lane text ${i + 1}`);
    const ids = await sendTexts(agent, texts);
    await sim.idle();
    await waitForReceipts(ids);

    const deliveries = sim.state.webhookDeliveries.filter((delivery) => delivery.conversationId === conversationId);
    expect(deliveries.filter((delivery) => delivery.duplicateOf).length).toBeGreaterThanOrEqual(2);
    expect(deliveries.filter((delivery) => delivery.reordered).length).toBeGreaterThanOrEqual(1);
    // The webhook really arrived out of send order…
    const arrival = deliveries.filter((delivery) => !delivery.duplicateOf).map((delivery) => delivery.messageId);
    expect(arrival).not.toEqual(ids);
    // …and the receiver still sees every message once, in the agent's send order (channel.time).
    expect(receiver.textsOf(handoverId)).toEqual(texts);
    expect(ids.map((id) => receiver.attempts.get(id))).toEqual(ids.map(() => 1));
    expect(receiptsFor(ids).map((receipt) => [receipt.messageId, receipt.status])).toEqual(ids.map((id) => [id, 'Delivered']));
  });

  it('reports a message the bot refuses (400) with a Failed receipt and still delivers the later ones', async () => {
    const { handoverId, agent } = await genericConversation();
    receiver.script.set('please refuse this', [400]);
    const texts = ['before the refusal', 'please refuse this', 'after the refusal 1', 'after the refusal 2'];
    const ids = await sendTexts(agent, texts);
    await waitForReceipts(ids);

    expect(receiver.textsOf(handoverId)).toEqual(['before the refusal', 'after the refusal 1', 'after the refusal 2']);
    expect(receiptsFor(ids).map((receipt) => [receipt.messageId, receipt.status])).toEqual([
      [ids[0], 'Delivered'],
      [ids[1], 'Failed'],
      [ids[2], 'Delivered'],
      [ids[3], 'Delivered'],
    ]);
    const failed = receiptsFor([ids[1]])[0];
    expect(failed.reasons).toEqual([{ code: 'GeneralError', message: expect.stringContaining('HTTP 400') }]);
    expect(receiver.attempts.get(ids[1])).toBe(1);
  });

  it('delivers a message after the bot answered 503 twice, keeping the order of what follows', async () => {
    const { handoverId, agent } = await genericConversation();
    receiver.script.set('flaky moment', [503, 503]);
    const texts = ['before the outage', 'flaky moment', 'after the outage 1', 'after the outage 2'];
    const started = Date.now();
    const ids = await sendTexts(agent, texts);
    await waitForReceipts(ids);

    expect(receiver.textsOf(handoverId)).toEqual(texts);
    expect(receiver.attempts.get(ids[1])).toBe(3);
    expect([ids[0], ids[2], ids[3]].map((id) => receiver.attempts.get(id))).toEqual([1, 1, 1]);
    expect(receiptsFor(ids).map((receipt) => [receipt.messageId, receipt.status])).toEqual(ids.map((id) => [id, 'Delivered']));
    // Two backoffs (0.5 s, then 1 s) happened before the rest went out.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it("delivers to a Cognigy user through the endpoint's notify route, in order, with the attachment as an image", async () => {
    const { conversationId } = await openConversation();
    const sessionId = `cognigy-session-${randomUUID()}`;
    await seedHandover(conversationId, 'cognigy', { endpointBaseUrl: cognigy.url, userId: 'cognigy-user-1', sessionId });
    const agent = sim.agent(conversationId);
    agent.join({ name: 'Ann' });
    agent.startTyping(5_000);
    const texts = ['Hello, Ann here', 'Let me check', 'Found it'];
    const ids = await sendTexts(agent, texts);
    const image = agent.sendAttachment({ mediaType: 'Image', url: 'https://api-downloads.example/files/map.png', mime: 'image/png', filename: 'map.png' });
    await waitForReceipts([...ids, image.id]);

    const shown = cognigy.notificationsFor(sessionId);
    // The image has no caption: the notify body's text is empty, which the simulator records as no text.
    expect(shown.map((notification) => notification.text)).toEqual([...texts, undefined]);
    expect(shown.every((notification) => notification.userId === 'cognigy-user-1' && notification.urlToken === URL_TOKEN)).toBe(true);
    expect(shown[0].data).toEqual({ genesys: { messageId: ids[0], from: { type: 'agent' } } });
    expect(shown[3].data).toMatchObject({ _cognigy: { _default: { _image: { type: 'image', imageUrl: 'https://api-downloads.example/files/map.png' } } } });
    expect(receiptsFor([...ids, image.id]).map((receipt) => receipt.status)).toEqual(['Delivered', 'Delivered', 'Delivered', 'Delivered']);
  });

  it('waits for a handover whose Genesys conversation id is stored after the first agent message', async () => {
    const { conversationId } = await openConversation();
    const handoverId = await seedHandover(conversationId, 'generic', { callbackUrl }, false);
    const agent = sim.agent(conversationId);
    agent.join();
    const [early] = await sendTexts(agent, ['faster than the prefetch store']);
    await sim.idle();
    await sleep(1_500);
    expect(receiver.of(handoverId)).toEqual([]);
    await handovers.attachGenesysConversation(handoverId, conversationId);
    await waitForReceipts([early]);
    expect(receiver.textsOf(handoverId)).toEqual(['faster than the prefetch store']);
    expect(receiptsFor([early])[0].status).toBe('Delivered');
  });

  it('fails a message with InvalidDestination when no handover is ever known for the conversation', async () => {
    const { conversationId } = await openConversation();
    const agent = sim.agent(conversationId);
    agent.join();
    const [orphan] = await sendTexts(agent, ['nobody is listening']);
    await waitForReceipts([orphan], 20_000);
    expect(receiptsFor([orphan])).toMatchObject([{ status: 'Failed', reasons: [{ code: 'InvalidDestination' }] }]);
  });
});
