import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CognigySim, createCognigySim, createKoreSim, type KoreSim } from '@genesys-bridge/bot-sims';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { waitFor } from '@genesys-bridge/testing';
import { countRows, type AppStack, startAppStack } from './support/app-stack';

/**
 * Cognigy-style and Kore BotKit handovers end to end, with real processes: the bot side speaks its platform's protocol
 * to the handover-gateway (an endpoint transformer's calls for Cognigy; the Kore simulator's signed BotKit callbacks),
 * the worker opens the Genesys conversation with the participant data, relays user messages to the agent and agent
 * messages to the platform simulator (Cognigy notify, Kore sendUserMessage) in order, posts receipts, and gives the
 * conversation back (Cognigy inject of the handover status, Kore clearAgentSession).
 */

const WEBHOOK_SECRET = 'relay-webhook-secret-0123456789';
const URL_TOKEN = 'cognigy-relay-url-token-0123456789';
const API_KEY = 'cognigy-relay-api-key-0123456789abcdef';
const CLIENT = { clientId: 'relay-client', clientSecret: 'relay-client-secret' };
const KORE_BOT = { botId: 'st-3b5d7f9a-2c4e-5b6d-8f0a-1c3e5a7c9e2b', name: 'relay bot', clientId: 'cs-1f3e5d7c-9b2a-5c4d-8e6f-0a1b2c3d4e5f', clientSecret: 'kore-botkit-secret-0123456789' };

type Agent = ReturnType<GenesysSim['agent']>;

describe('handover-gateway: Cognigy-style and Kore BotKit handovers (simulators ↔ gateway processes ↔ Genesys simulator)', () => {
  let stack: AppStack;
  let sim: GenesysSim;
  let cognigy: CognigySim;
  let kore: KoreSim;
  let cognigyConnection: string;
  let koreConnection: string;

  beforeAll(async () => {
    [stack, sim, cognigy] = await Promise.all([
      // A 1 s Kore keep-alive round, so the test sees extendcallid.
      startAppStack('handover-gateway', { KORE_EXTEND_INTERVAL_MS: '1000' }),
      createGenesysSim({ clients: [CLIENT], webhook: { timeoutMs: 5_000, retryIntervalMs: 100, deliverReceipts: true } }),
      createCognigySim({ urlTokens: [URL_TOKEN] }),
    ]);
    const base = {
      genesysRegion: 'eu-west-1',
      genesysApiBaseUrl: sim.url,
      genesysLoginBaseUrl: sim.url,
      genesysClientId: CLIENT.clientId,
      genesysClientSecret: CLIENT.clientSecret,
      webhookSecret: WEBHOOK_SECRET,
    };
    const cognigyIntegration = randomUUID();
    const koreIntegration = randomUUID();
    cognigyConnection = (
      await stack.connections.create({
        ...base,
        name: 'cognigy-relay',
        openMessagingIntegrationId: cognigyIntegration,
        botPlatform: 'cognigy',
        botPlatformSettings: {
          endpointBaseUrl: cognigy.url,
          allowPrivateCallbackUrls: true,
          showAgentProfile: true,
          cognigyTypingNotify: true,
          handoverNotices: { userJoined: 'User joined the conversation', userLeft: 'User left the conversation' },
        },
        botPlatformSecrets: { urlToken: URL_TOKEN, handoverApiKeys: [API_KEY] } as unknown as Record<string, string>,
      })
    ).id;
    koreConnection = (
      await stack.connections.create({
        ...base,
        name: 'kore-relay',
        openMessagingIntegrationId: koreIntegration,
        botPlatform: 'kore',
        botPlatformSettings: { botKitClientId: KORE_BOT.clientId, allowPrivateCallbackUrls: true, sendProfile: true },
        botPlatformSecrets: { botKitClientSecret: KORE_BOT.clientSecret },
      })
    ).id;
    kore = await createKoreSim({ bots: [KORE_BOT], botkit: { callbackUrl: `${stack.url}/kore/${koreConnection}` } });
    for (const [id, connectionId] of [
      [cognigyIntegration, cognigyConnection],
      [koreIntegration, koreConnection],
    ]) {
      sim.addIntegration({
        id,
        name: `bridge-${connectionId.slice(0, 8)}`,
        outboundNotificationWebhookUrl: `${stack.url}/genesys/open-messaging/${connectionId}/webhook`,
        outboundNotificationWebhookSignatureSecretToken: WEBHOOK_SECRET,
        outboundTypingEnabled: true,
      });
    }
  });

  afterAll(async () => {
    await sim?.close();
    await Promise.all([stack?.stop(), cognigy?.close(), kore?.close()]);
  });

  /** The Genesys conversation a handover opened, once the worker delivered its first message. */
  async function genesysConversationOf(connectionId: string, platformConversationId: string): Promise<string> {
    let found: string | null = null;
    await waitFor(
      async () => {
        const rows: { genesys_conversation_id: string | null }[] = await stack.dataSource.query(
          'SELECT genesys_conversation_id FROM handovers WHERE connection_id = ? AND platform_conversation_id = ?',
          [connectionId, platformConversationId],
        );
        found = rows[0]?.genesys_conversation_id ?? null;
        return found !== null;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the handover to reach Genesys' },
    );
    return found as unknown as string;
  }

  const customerOf = (conversationId: string) => sim.conversation(conversationId)?.participants.find((participant) => participant.purpose === 'customer');
  /** Texts the agent saw from the customer, in arrival order. */
  const agentSaw = (conversationId: string) =>
    sim.state.inboundMessages.filter((record) => record.conversationId === conversationId && !record.duplicateOf).map((record) => (record.body as { text?: string }).text);
  const receiptsFor = (ids: readonly string[]) => sim.state.receipts.filter((receipt) => ids.includes(receipt.messageId));

  async function sendAgentTexts(agent: Agent, texts: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const text of texts) {
      ids.push(agent.sendText(text).id);
      await sleep(3);
    }
    return ids;
  }

  describe('Cognigy-style', () => {
    const post = (path: string, body: unknown, key = API_KEY, connectionId = cognigyConnection) =>
      fetch(`${stack.url}/cognigy/${connectionId}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });
    const status = async (userId: string, sessionId: string, connectionId = cognigyConnection) =>
      (await (await fetch(`${stack.url}/cognigy/${connectionId}/handover-status?userId=${userId}&sessionId=${sessionId}`, { headers: { 'x-api-key': API_KEY } })).json()) as { status: string };

    it('relays a whole handover: participant data with QueueName, user and agent messages in order, receipts, the end as a handover status', async () => {
      const session = { userId: `user-${randomUUID()}`, sessionId: `session-${randomUUID()}` };
      const handover = { QueueName: 'Billing', skills: 'billing,french', language: 'fr', priority: '4', GenesysMetaData: JSON.stringify({ account: { id: 'A-77', tier: 'gold' } }), customAttributes: { section: 'A' } };
      const started = await post('handover', { ...session, text: 'I want a human', data: { handover }, transcript: [{ from: 'user', text: 'hi' }, { from: 'bot', text: 'Hello!' }] });
      expect(started.status).toBe(202);
      const { attributes, warnings } = (await started.json()) as { attributes: Record<string, string>; warnings: string[] };
      expect(warnings).toEqual([]);
      expect(attributes).toMatchObject({ QueueName: 'Billing', Skills: 'billing,french', Language: 'fr', Priority: '4', section: 'A' });

      const conversationId = await genesysConversationOf(cognigyConnection, JSON.stringify([session.userId, session.sessionId]));
      expect(customerOf(conversationId)?.attributes).toMatchObject(attributes);
      expect(Object.values(customerOf(conversationId)?.attributes ?? {})).toEqual(expect.arrayContaining(['A-77', 'gold']));
      expect((await status(session.userId, session.sessionId)).status).toBe('active');

      const userTexts = Array.from({ length: 8 }, (_, i) => `user text ${i + 1}`);
      for (const [i, text] of userTexts.entries()) expect((await post('messages', { ...session, text, messageId: `cognigy-msg-${session.sessionId}-${i}` })).status).toBe(202);
      await waitFor(() => agentSaw(conversationId).length >= 3 + userTexts.length, { timeoutMs: 30_000, intervalMs: 100, what: 'the user messages at the agent' });
      expect(agentSaw(conversationId)).toEqual([expect.stringContaining('Customer: hi'), 'I want a human', 'User joined the conversation', ...userTexts]);

      const agent = sim.agent(conversationId);
      agent.join({ name: 'Ann' });
      const typing = agent.startTyping(5_000);
      await sleep(3);
      const agentTexts = Array.from({ length: 8 }, (_, i) => `agent text ${i + 1}`);
      const ids = await sendAgentTexts(agent, agentTexts);
      const picture = agent.sendAttachment({ mediaType: 'Image', url: 'https://api-downloads.example/files/map.png', mime: 'image/png', filename: 'map.png' }, { text: 'The map' });
      const menu = agent.sendQuickReplies('Anything else?', ['Yes', 'No']);
      const messageIds = [...ids, picture.id, menu.id];
      await waitFor(() => receiptsFor(messageIds).length >= messageIds.length, { timeoutMs: 30_000, intervalMs: 100, what: 'receipts for the agent messages' });

      const [typed, ...notified] = cognigy.state.notifications.filter((notification) => notification.sessionId === session.sessionId);
      expect(typed).toMatchObject({ data: { typing: { type: 'On' }, genesys: { messageId: typing.id } } });
      expect(notified.map((notification) => notification.text)).toEqual([...agentTexts, 'The map', 'Anything else?']);
      expect(notified.every((notification) => notification.userId === session.userId && notification.urlToken === URL_TOKEN)).toBe(true);
      expect(notified[8].data).toMatchObject({ _cognigy: { _default: { _image: { type: 'image', imageUrl: 'https://api-downloads.example/files/map.png' } } } });
      expect(notified[9].data).toMatchObject({ _cognigy: { _default: { _quickReplies: { quickReplies: [expect.objectContaining({ title: 'Yes' }), expect.objectContaining({ title: 'No' })] } } } });
      expect(receiptsFor(messageIds).map((receipt) => receipt.status)).toEqual(messageIds.map(() => 'Delivered'));

      const ended = await post('end', session);
      expect(ended.status).toBe(202);
      await waitFor(() => customerOf(conversationId)?.state === 'disconnected', { timeoutMs: 30_000, intervalMs: 100, what: 'the customer participant to be disconnected' });
      expect(agentSaw(conversationId).at(-1)).toBe('User left the conversation');
      expect(await status(session.userId, session.sessionId)).toMatchObject({ status: 'cancelled' });
      expect((await post('messages', { ...session, text: 'too late' })).status).toBe(404);
    });

    it('tells the Flow the handover failed (inject, status error) when Genesys refuses to open the conversation', async () => {
      // A connection whose Open Messaging integration Genesys does not know: the first message is refused (404).
      const broken = (
        await stack.connections.create({
          name: 'cognigy-misconfigured',
          genesysRegion: 'eu-west-1',
          genesysApiBaseUrl: sim.url,
          genesysLoginBaseUrl: sim.url,
          genesysClientId: CLIENT.clientId,
          genesysClientSecret: CLIENT.clientSecret,
          openMessagingIntegrationId: randomUUID(),
          botPlatform: 'cognigy',
          botPlatformSettings: { endpointBaseUrl: cognigy.url, allowPrivateCallbackUrls: true },
          botPlatformSecrets: { urlToken: URL_TOKEN, handoverApiKeys: [API_KEY] } as unknown as Record<string, string>,
        })
      ).id;
      const session = { userId: `user-${randomUUID()}`, sessionId: `session-${randomUUID()}` };
      expect((await post('handover', { ...session, text: 'help', data: { handover: { QueueName: 'Billing' } } }, API_KEY, broken)).status).toBe(202);
      await waitFor(() => cognigy.state.injections.some((injection) => injection.sessionId === session.sessionId), { timeoutMs: 30_000, intervalMs: 100, what: 'the inject' });

      const injections = cognigy.state.injections.filter((candidate) => candidate.sessionId === session.sessionId);
      expect(injections).toHaveLength(1);
      expect(injections[0]).toMatchObject({ userId: session.userId, urlToken: URL_TOKEN, data: { endHandover: true, handover: { status: 'error', reason: 'genesys-refused: 404' } } });
      expect(await status(session.userId, session.sessionId, broken)).toMatchObject({ status: 'error' });
    });

    it('refuses bad input with field paths and writes nothing', async () => {
      const before = await countRows(stack.dataSource, 'handovers');
      const missing = await post('handover', { userId: 'u', data: {} });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain('sessionId');
      const badHandover = await post('handover', { userId: 'u', sessionId: 's', data: { handover: 'Billing' } });
      expect(badHandover.status).toBe(400);
      expect(((await badHandover.json()) as { errors: { path: string }[] }).errors[0].path).toBe('data.handover');
      expect((await post('handover', { userId: 'u', sessionId: 's', data: {} }, 'wrong-key')).status).toBe(401);
      expect(await countRows(stack.dataSource, 'handovers')).toBe(before);
    });
  });

  describe('Kore BotKit', () => {
    it('relays a whole handover: metaInfo.GenesysMetaData with QueueName, user and agent messages in order, receipts, the user-side end', async () => {
      const userId = `u-${randomUUID()}`;
      // Before the transfer, BotKit hands every user message to us: it goes back to the bot.
      const early = await kore.botkitUserMessage({ userId, text: 'what are your hours?' });
      expect(early.status).toBe(200);
      expect(kore.botkitUser(userId)?.botMessages.map((message) => message.text)).toEqual(['what are your hours?']);

      const transfer = await kore.botkitAgentTransfer({
        userId,
        message: 'agent please',
        metaInfo: { GenesysMetaData: JSON.stringify({ QueueName: 'Billing', Language: 'en', account: { id: 'K-9' } }) },
        user: { firstName: 'Kim', lastName: 'Lee' },
      });
      expect(transfer.status).toBe(200);
      expect(transfer.body).toEqual({ outcome: 'handover-started' });
      expect(transfer.headers['supportsmessageack']).toBe('true');

      const conversationId = await genesysConversationOf(koreConnection, userId);
      expect(customerOf(conversationId)?.attributes).toMatchObject({ QueueName: 'Billing', Language: 'en', 'account.id': 'K-9', 'customer.firstName': 'Kim', 'customer.lastName': 'Lee' });

      const userTexts = Array.from({ length: 8 }, (_, i) => `kore user text ${i + 1}`);
      for (const text of userTexts) expect((await kore.botkitUserMessage({ userId, text })).body).toEqual({ outcome: 'to-agent' });
      await waitFor(() => agentSaw(conversationId).length >= 1 + userTexts.length, { timeoutMs: 30_000, intervalMs: 100, what: 'the user messages at the agent' });
      expect(agentSaw(conversationId)).toEqual(['agent please', ...userTexts]);

      const agent = sim.agent(conversationId);
      agent.join({ name: 'Bo' });
      const agentTexts = Array.from({ length: 8 }, (_, i) => `kore agent text ${i + 1}`);
      const ids = await sendAgentTexts(agent, agentTexts);
      const picture = agent.sendAttachment({ mediaType: 'Image', url: 'https://api-downloads.example/files/plan.png', mime: 'image/png', filename: 'plan.png' }, { text: 'The plan' });
      const messageIds = [...ids, picture.id];
      await waitFor(() => receiptsFor(messageIds).length >= messageIds.length, { timeoutMs: 30_000, intervalMs: 100, what: 'receipts for the agent messages' });

      const shown = kore.botkitUser(userId)?.shown ?? [];
      expect(shown.filter((message) => !message.isTemplate).map((message) => message.text)).toEqual(agentTexts);
      expect(shown.at(-1)).toMatchObject({ isTemplate: true, template: { type: 'image', payload: { url: 'https://api-downloads.example/files/plan.png' } } });
      expect(receiptsFor(messageIds).map((receipt) => receipt.status)).toEqual(messageIds.map(() => 'Delivered'));
      // Agent messages answer the latest request Kore sent for the user.
      const lastRequestId = kore.state.botkit.callbacks.filter((callback) => callback.userId === userId).at(-1)?.requestId;
      expect(new Set(shown.map((message) => message.requestId))).toEqual(new Set([lastRequestId]));

      // The worker keeps the request our agent messages answer alive while the handover is open.
      await waitFor(() => (kore.botkitUser(userId)?.extends ?? 0) >= 1, { timeoutMs: 10_000, intervalMs: 100, what: 'an extendcallid call' });
      // Each call names a request Kore issued for this user (the latest when it ran; the simulator refuses others).
      const issued = new Set(kore.state.botkit.callbacks.filter((callback) => callback.userId === userId).map((callback) => callback.requestId));
      const extended = kore.state.botkit.sdkCalls.filter((call) => call.call === 'extendcallid' && call.userId === userId);
      expect(extended.length).toBeGreaterThanOrEqual(1);
      expect(extended.every((call) => call.requestId !== null && issued.has(call.requestId))).toBe(true);

      const ended = await kore.botkitEvent({ userId, event: { type: 'endConversation' } });
      expect(ended.body).toEqual({ outcome: 'handover-ended' });
      await waitFor(() => customerOf(conversationId)?.state === 'disconnected', { timeoutMs: 30_000, intervalMs: 100, what: 'the customer participant to be disconnected' });
      // With no handover open, the next user message is the bot's again.
      expect((await kore.botkitUserMessage({ userId, text: 'back to the bot' })).body).toEqual({ outcome: 'to-bot' });
    });

    it('refuses callbacks without a valid token, and bodies that name another bot, and stores nothing', async () => {
      const before = await countRows(stack.dataSource, 'handovers');
      const userId = `u-${randomUUID()}`;
      for (const callbackAuth of ['none', 'bad-signature', 'expired', 'apikey', 'wrong-app-id'] as const) {
        const refused = await kore.botkitAgentTransfer({ userId, message: 'agent', callbackAuth });
        expect([callbackAuth, refused.status]).toEqual([callbackAuth, 401]);
      }
      const otherBot = await kore.botkitAgentTransfer({ userId, message: 'agent', overrides: { botId: 'st-00000000-0000-5000-8000-000000000000' } });
      expect(otherBot.status).toBe(400);
      expect(otherBot.body).toMatchObject({ errors: [{ path: 'botId' }] });
      expect(await countRows(stack.dataSource, 'handovers')).toBe(before);
    });
  });
});
