import { COGNIGY_DEFAULT_HANDOVER, createCognigySim, createKoreSim, DEFAULT_KORE_BOT, KORE_DEFAULT_HANDOVER, type CognigySim, type KoreSim } from '@genesys-bridge/bot-sims';
import { createGenesysSim, type GenesysSim } from '@genesys-bridge/genesys-sim';
import { startProcess } from '@genesys-bridge/testing';
import { type BotConnectorStack, startBotConnectorStack } from './support/bot-connector-stack';

/**
 * Scripted conversations end to end over real HTTP: the Genesys simulator plays Architect (Call Bot
 * Connector v1 and Call Digital Bot Connector v2, validating every answer like Genesys), our
 * bot-connector runs as real processes, and the Cognigy- and Kore-style simulators are the bots.
 */
const VERIFY_TOKEN = 'genesys-verify-token-e2e';
const GENESYS_CLIENT = { clientId: 'bridge-client', clientSecret: 'bridge-client-secret-value' };
const TIME_BUDGET_MS = 1_500;

type Platform = 'cognigy' | 'kore';

describe('bot-connector conversations', () => {
  let genesys: GenesysSim;
  let cognigy: CognigySim;
  let kore: KoreSim;
  let stack: BotConnectorStack;
  const connectorIds: Record<Platform, string> = { cognigy: '', kore: '' };
  const botListSync: Record<Platform, { exitCode: number | null; output: string }> = { cognigy: { exitCode: null, output: '' }, kore: { exitCode: null, output: '' } };

  beforeAll(async () => {
    [genesys, cognigy, kore, stack] = await Promise.all([
      createGenesysSim({ clients: [GENESYS_CLIENT], botConnector: { turnTimeoutMs: 10_000 } }),
      createCognigySim(),
      createKoreSim(),
      startBotConnectorStack(),
    ]);
    const connection = await stack.connections.create({
      name: 'acme-org',
      genesysRegion: 'eu-west-1',
      genesysApiBaseUrl: genesys.url,
      genesysLoginBaseUrl: genesys.url,
      genesysClientId: GENESYS_CLIENT.clientId,
      genesysClientSecret: GENESYS_CLIENT.clientSecret,
      botPlatform: 'mixed',
      botPlatformSettings: {},
    });
    const common = {
      timeBudgetMs: TIME_BUDGET_MS,
      v2TimeBudgetMs: TIME_BUDGET_MS,
      fallback: { mode: 'escalate', intent: 'Escalate', reasonParameter: 'EscalationReason' },
    };
    const adapters = {
      cognigy: { settings: { platform: 'cognigy', endpointBaseUrl: cognigy.url, allowPrivateNetworks: true }, secrets: { urlToken: cognigy.options.urlTokens[0] } },
      kore: { settings: { platform: 'kore', webhookUrl: kore.webhookUrl(), clientId: DEFAULT_KORE_BOT.clientId, allowPrivateNetworks: true }, secrets: { clientSecret: DEFAULT_KORE_BOT.clientSecret } },
    };
    for (const platform of ['cognigy', 'kore'] as const) {
      const connector = await stack.connectors.create({
        connectionId: connection.id,
        name: `${platform}-connector`,
        settings: { ...common, adapter: adapters[platform].settings, bots: [{ id: `${platform}-bot`, name: `${platform} bot`, version: '1' }], genesysIntegrationId: `bc-${platform}` },
        secrets: { verifyTokens: [VERIFY_TOKEN], ...adapters[platform].secrets },
      });
      connectorIds[platform] = connector.id;
      genesys.addBotConnectorIntegration({ id: `bc-${platform}`, handleUtteranceUri: `${stack.url}/bot-connector/v1/${connector.id}`, credentials: { 'verify-token': VERIFY_TOKEN } });
      genesys.addDigitalBotConnectorIntegration({ id: `dbc-${platform}`, baseUrl: `${stack.url}/bot-connector/v2/${connector.id}`, credentials: { 'verify-token': VERIFY_TOKEN } });
      // Genesys only starts sessions for bots in the integration's bot list: register it the way an admin would.
      const sync = startProcess('dist/apps/bot-connector/src/cli.js', stack.env, ['bot-list', 'sync', connector.id]);
      botListSync[platform] = { exitCode: await sync.exited, output: sync.output() };
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([genesys?.close(), cognigy?.close(), kore?.close()]);
  });

  it.each(['cognigy', 'kore'] as const)('registers the %s connector bot list with Genesys through the CLI', (platform) => {
    expect(botListSync[platform].exitCode).toBe(0);
    expect(botListSync[platform].output).toMatch(new RegExp(`registered 1 bot\\(s\\) with 6 intent\\(s\\) on Genesys integration bc-${platform}`));
    const [bot] = genesys.botConnector(`bc-${platform}`).bots().chatBots;
    expect(bot.versions[0].intents?.map((intent) => intent.name)).toEqual(expect.arrayContaining(['Handover', 'Handover_alt', 'Escalate', 'EndSession']));
  });

  describe.each(['cognigy', 'kore'] as const)('%s bot over Bot Connector v1', (platform) => {
    it('plays quick replies, a button click, a carousel and an image, validated like Genesys', async () => {
      const session = genesys.botConnector(`bc-${platform}`).startSession({ botId: `${platform}-bot`, botVersion: '1' });

      const menu = await session.sendText('menu');
      expect(menu).toMatchObject({ status: 'ok', botState: 'MoreData', errors: [] });
      const quickReplies = menu.replies.flatMap((reply) => reply.content ?? []).filter((item) => item.contentType === 'QuickReply');
      expect(quickReplies.map((item) => (item as { quickReply: { payload: string } }).quickReply.payload)).toEqual(expect.arrayContaining(['pb:billing', 'pb:support']));

      const clicked = await session.clickQuickReply({ text: 'Billing', payload: 'pb:billing' });
      expect(clicked).toMatchObject({ status: 'ok', botState: 'MoreData' });
      expect(JSON.stringify(clicked.replies)).toContain('You selected pb:billing');

      const cards = await session.sendText('cards');
      expect(cards.status).toBe('ok');
      const carousel = cards.replies.flatMap((reply) => reply.content ?? []).find((item) => item.contentType === 'Carousel') as { carousel: { cards: unknown[] } } | undefined;
      expect(carousel?.carousel.cards.length).toBeGreaterThanOrEqual(2);

      const photo = await session.sendText('photo');
      const attachment = photo.replies.flatMap((reply) => reply.content ?? []).find((item) => item.contentType === 'Attachment') as { attachment: { mediaType: string; url: string } } | undefined;
      expect(attachment?.attachment).toMatchObject({ mediaType: 'Image', url: expect.stringMatching(/^https:\/\//) });
    });

    it('turns a slow bot into the configured fallback within the time budget', async () => {
      const session = genesys.botConnector(`bc-${platform}`).startSession({ botId: `${platform}-bot`, botVersion: '1' });
      const slow = await session.sendText('slow');
      expect(slow).toMatchObject({ status: 'ok', botState: 'Complete', intent: 'Escalate', parameters: { EscalationReason: 'bot-timeout' } });
      expect(slow.durationMs).toBeLessThan(TIME_BUDGET_MS + 1_500);
    });

    it('hands over: Complete with the handover intent, QueueName, routing keys and flattened GenesysMetaData', async () => {
      const session = genesys.botConnector(`bc-${platform}`).startSession({ botId: `${platform}-bot`, botVersion: '1' });
      const handover = await session.sendText('agent');
      expect(handover).toMatchObject({ status: 'ok', botState: 'Complete', intent: 'Handover', errors: [] });
      const sent = platform === 'cognigy' ? COGNIGY_DEFAULT_HANDOVER : KORE_DEFAULT_HANDOVER;
      expect(handover.parameters).toMatchObject({ QueueName: sent.QueueName, Skills: 'Billing,French', Language: 'fr', Priority: '5' });
      const metadata = sent.GenesysMetaData as Record<string, Record<string, string> | string>;
      const [nestedKey, nested] = Object.entries(metadata).find(([, value]) => typeof value === 'object') as [string, Record<string, string>];
      const [leafKey, leaf] = Object.entries(nested)[0];
      expect(handover.parameters?.[`${nestedKey}.${leafKey}`]).toBe(leaf); // GenesysMetaData flattened to dotted keys
      expect(Object.values(handover.parameters ?? {}).every((value) => typeof value === 'string')).toBe(true);
      expect(JSON.stringify(handover.replies)).toContain('Let me connect you to a human agent.');
      expect(session.state).not.toBe('active');
    });
  });

  describe.each(['cognigy', 'kore'] as const)('%s bot over Digital Bot Connector v2', (platform) => {
    it('lists the bots, answers turns through the outgoing-messages API, falls back when slow and hands over', async () => {
      const digital = genesys.digitalBotConnector(`dbc-${platform}`);
      const listed = await digital.listBots();
      expect(listed.bots?.map((bot) => bot.id)).toEqual([`${platform}-bot`]);

      const session = await digital.startSession({ botId: `${platform}-bot`, botVersion: '1' });
      const menu = await session.sendText('menu');
      expect(menu).toMatchObject({ status: 'ok', botState: 'MoreData', errors: [] });
      const clicked = await session.clickQuickReply({ text: 'Support', payload: 'pb:support' });
      expect(JSON.stringify(clicked.replies)).toContain('You selected pb:support');
      const handover = await session.sendText('agent');
      expect(handover).toMatchObject({ status: 'ok', botState: 'Complete', intent: 'Handover', parameters: { QueueName: expect.any(String) } });

      const slowSession = await digital.startSession({ botId: `${platform}-bot`, botVersion: '1' });
      const slow = await slowSession.sendText('slow');
      expect(slow).toMatchObject({ status: 'ok', botState: 'Complete', intent: 'Escalate', parameters: { EscalationReason: 'bot-timeout' } });
    });
  });
});
