import { GenesysApiError } from '../support/genesys-error';
import { BOT_CREDENTIALS, startBotFixture, type BotFixture } from '../testing/bot-fixture';
import type { BotAnswer, BotRequest } from '../testing/bot-server';
import { waitFor } from '../testing/wait-for';

const START = { botId: 'cookie-bot', botVersion: 'Delta' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const answer = (body: unknown): BotAnswer => ({ status: 200, body });
const moreData = (text = 'How many?', extra: Record<string, unknown> = {}) => answer({ botState: 'MoreData', replyMessages: [{ type: 'Text', text }], ...extra });

describe('Call Bot Connector (v1): Architect calling the Handle Utterance URI', () => {
  let fixture: BotFixture;

  afterEach(async () => {
    await fixture.close();
  });

  it('POSTs each turn with the credential headers, a stable botSessionId and a new messageId per turn', async () => {
    const script = [
      moreData('How many cookies?', { intent: 'OrderCookie' }),
      answer({
        botState: 'Complete',
        intent: 'OrderCookie',
        confidence: 0.9,
        replyMessages: [{ type: 'Text', text: 'Ordered.' }],
        entities: [{ name: 'Size', type: 'Integer', value: '12' }],
        parameters: { queueName: 'Sales' },
      }),
    ];
    fixture = await startBotFixture({}, () => script.shift() ?? { status: 500 });
    const session = fixture.sim.botConnector('bc-1').startSession({ ...START, parameters: { customerTier: 'gold' }, genesysConversationId: 'conv-1' });

    const first = await session.clickQuickReply({ text: 'I want a cookie', payload: 'cookie' });
    expect(first).toMatchObject({ status: 'ok', botState: 'MoreData', intent: 'OrderCookie', replies: [{ type: 'Text', text: 'How many cookies?' }], errors: [], attempts: 1, sessionState: 'active' });
    const second = await session.sendText('twelve');
    expect(second).toMatchObject({
      status: 'ok',
      botState: 'Complete',
      intent: 'OrderCookie',
      confidence: 0.9,
      entities: [{ name: 'Size', type: 'Integer', value: '12' }],
      parameters: { queueName: 'Sales' },
      sessionState: 'complete',
    });

    const [one, two] = fixture.bot.requestsTo('/utterance');
    for (const request of [one, two]) {
      expect(request.method).toBe('POST');
      expect(request.headers.authorization).toBe(BOT_CREDENTIALS.Authorization);
      expect(request.headers['x-genesys-verify-token']).toBe(BOT_CREDENTIALS['x-genesys-verify-token']);
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(one.body).toEqual({
      botId: 'cookie-bot',
      botVersion: 'Delta',
      botSessionId: session.botSessionId,
      messageId: expect.stringMatching(UUID),
      inputMessage: {
        type: 'Structured',
        text: 'I want a cookie',
        content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'I want a cookie', payload: 'cookie' } }],
      },
      languageCode: 'en-us',
      botSessionTimeout: 60,
      genesysConversationId: 'conv-1',
      parameters: { customerTier: 'gold' },
    });
    expect(two.body).toMatchObject({ botSessionId: session.botSessionId, inputMessage: { type: 'Text', text: 'twelve' } });
    expect(two.body?.messageId).not.toBe(one.body?.messageId);
    expect(session.botSessionId).toMatch(UUID);

    expect(session.record).toMatchObject({ state: 'complete', endReason: 'complete', intent: 'OrderCookie', outputParameters: { queueName: 'Sales' }, turns: 2 });
    const turns = fixture.sim.state.botTurns;
    expect(turns.map((turn) => [turn.turn, turn.status, turn.id])).toEqual([
      [1, 'ok', one.body?.messageId],
      [2, 'ok', two.body?.messageId],
    ]);
    expect(turns[0]).toMatchObject({ url: `${fixture.bot.url}/utterance`, attempts: [{ attempt: 1, status: 200, timedOut: false }], response: { botState: 'MoreData' } });
    await expect(session.sendText('more?')).rejects.toThrow(/is over \(complete/);
    expect(fixture.bot.requests).toHaveLength(2);
  });

  it('sends Button clicks as ButtonResponse type Button and honours languageCode / botSessionTimeout inputs', async () => {
    fixture = await startBotFixture({}, () => moreData());
    const session = fixture.sim.botConnector('bc-1').startSession({ ...START, languageCode: 'es', botSessionTimeout: 4320 });
    expect((await session.clickButton({ text: 'Yes', payload: 'yes' })).status).toBe('ok');
    expect(fixture.bot.requests[0].body).toMatchObject({
      languageCode: 'es',
      botSessionTimeout: 4320,
      inputMessage: { type: 'Structured', content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'Button', text: 'Yes', payload: 'yes' } }] },
    });
  });

  it('accepts Failed with errorInfo{errorCode,errorMessage} and ends the session on the failure path', async () => {
    fixture = await startBotFixture({}, () => answer({ botState: 'Failed', errorInfo: { errorCode: 'BotNotFound', errorMessage: 'gone' } }));
    const session = fixture.sim.botConnector('bc-1').startSession(START);
    const result = await session.sendText('hi');
    expect(result).toMatchObject({ status: 'ok', botState: 'Failed', errorInfo: { errorCode: 'BotNotFound', errorMessage: 'gone' }, sessionState: 'failed' });
    expect(session.record).toMatchObject({ state: 'failed', endReason: 'bot-failed' });
    await expect(session.sendText('again')).rejects.toThrow(GenesysApiError);
  });

  it.each([
    ['wrong botState casing', { botState: 'COMPLETE', intent: 'OrderCookie' }, ['botState']],
    ['Complete without intent', { botState: 'Complete' }, ['intent']],
    ['an intent not in the bot list', { botState: 'Complete', intent: 'OrderPizza' }, ['intent']],
    ['nested parameters', { botState: 'MoreData', parameters: { order: { size: '12' } } }, ['parameters.order']],
    ['a numeric parameter value', { botState: 'MoreData', parameters: { count: 12 } }, ['parameters.count']],
    [
      'two Attachments in one message',
      {
        botState: 'MoreData',
        replyMessages: [
          {
            type: 'Structured',
            content: ['a', 'b'].map((name) => ({
              contentType: 'Attachment',
              attachment: { mediaType: 'Image', url: `https://example.com/${name}.png`, mime: 'image/png', filename: `${name}.png` },
            })),
          },
        ],
      },
      ['replyMessages[0].content'],
    ],
    ['an unknown contentType', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'Form', form: {} }] }] }, ['replyMessages[0].content[0].contentType']],
    ['v2 errorInfo keys', { botState: 'Failed', errorInfo: { code: 'X', message: 'y' } }, ['errorInfo.code', 'errorInfo.message', 'errorInfo.errorCode']],
  ])('rejects %s with the field path, fails the turn and the session', async (_name, body, expected) => {
    fixture = await startBotFixture({}, () => answer(body));
    const session = fixture.sim.botConnector('bc-1').startSession(START);
    const result = await session.sendText('hi');
    expect(result).toMatchObject({ status: 'invalid', httpStatus: 200, errors: expected, replies: [], sessionState: 'failed' });
    expect(result.errorDetails.map((detail) => detail.path)).toEqual(expected);
    expect(session.record.endReason).toBe('invalid');
    expect(fixture.sim.state.botTurns[0]).toMatchObject({ status: 'invalid', response: body, result: { errors: expected } });
  });

  it('treats a non-200 answer as http-error and a non-JSON 200 as invalid', async () => {
    fixture = await startBotFixture({}, () => ({ status: 201, body: { botState: 'MoreData' } }));
    const created = await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
    expect(created).toMatchObject({ status: 'http-error', httpStatus: 201, sessionState: 'failed' });
    fixture.bot.handler = () => ({ status: 200, rawBody: '<html>' });
    const html = await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
    expect(html).toMatchObject({ status: 'invalid', errors: ['body'] });
  });

  describe('lowercase replymessages (UNCONFIRMED → acceptLowercaseReplyMessages)', () => {
    const lowercase = { botState: 'MoreData', replymessages: [{ type: 'Text', text: 'old casing' }] };

    it('is invalid by default', async () => {
      fixture = await startBotFixture({}, () => answer(lowercase));
      const result = await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
      expect(result).toMatchObject({ status: 'invalid', errors: ['replymessages'] });
    });

    it('is read like replyMessages when the option is on', async () => {
      fixture = await startBotFixture({ botConnector: { acceptLowercaseReplyMessages: true } }, () => answer(lowercase));
      const result = await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
      expect(result).toMatchObject({ status: 'ok', replies: [{ type: 'Text', text: 'old casing' }], sessionState: 'active' });
    });
  });

  describe('turn timeout', () => {
    it('fails the turn and the session when the bot does not answer in time, and records it', async () => {
      fixture = await startBotFixture({ botConnector: { turnTimeoutMs: 150 } }, () => 'hang');
      const session = fixture.sim.botConnector('bc-1').startSession(START);
      const result = await session.sendText('hi');
      expect(result).toMatchObject({ status: 'timeout', attempts: 1, sessionState: 'failed', error: 'no answer within 150 ms' });
      expect(result.durationMs).toBeGreaterThanOrEqual(140);
      expect(session.record.endReason).toBe('timeout');
      expect(fixture.sim.state.botTurns[0]).toMatchObject({ status: 'timeout', attempts: [{ attempt: 1, timedOut: true }] });
    });

    it('does not resend by default (retryOnTimeout off)', async () => {
      fixture = await startBotFixture({ botConnector: { turnTimeoutMs: 100 } }, () => 'hang');
      await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
      expect(fixture.bot.requests).toHaveLength(1);
    });

    it('resends the same turn (same messageId) once with retryOnTimeout (UNCONFIRMED)', async () => {
      let calls = 0;
      fixture = await startBotFixture({ botConnector: { turnTimeoutMs: 150, retryOnTimeout: true } }, () => {
        calls += 1;
        return calls === 1 ? 'hang' : moreData('sorry, slow');
      });
      const result = await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
      expect(result).toMatchObject({ status: 'ok', attempts: 2, replies: [{ type: 'Text', text: 'sorry, slow' }] });
      const [first, second] = fixture.bot.requests;
      expect(second.rawBody).toBe(first.rawBody);
      expect(fixture.sim.state.botTurns[0].attempts.map((attempt) => [attempt.attempt, attempt.timedOut, attempt.status])).toEqual([
        [1, true, undefined],
        [2, false, 200],
      ]);
    });

    it('gives up after the single resend', async () => {
      fixture = await startBotFixture({ botConnector: { turnTimeoutMs: 100, retryOnTimeout: true } }, () => 'hang');
      const result = await fixture.sim.botConnector('bc-1').startSession(START).sendText('hi');
      expect(result).toMatchObject({ status: 'timeout', attempts: 2 });
      expect(fixture.bot.requests).toHaveLength(2);
    });
  });

  describe('loop guard (UNCONFIRMED third-party report)', () => {
    const sameIntent = (): BotAnswer => moreData('Which size?', { intent: 'OrderCookie', entities: [{ name: 'Size', type: 'Integer', value: '1' }] });

    it('is on by default: the 4th consecutive MoreData turn with the same intent and unchanged slots fails the session', async () => {
      fixture = await startBotFixture({}, sameIntent);
      const session = fixture.sim.botConnector('bc-1').startSession(START);
      for (let turn = 1; turn <= 3; turn++) expect((await session.sendText(`turn ${turn}`)).status).toBe('ok');
      const fourth = await session.sendText('turn 4');
      expect(fourth).toMatchObject({ status: 'loop-detected', botState: 'MoreData', intent: 'OrderCookie', errors: ['intent'], sessionState: 'failed' });
      expect(session.record.endReason).toBe('loop-detected');
      expect(fixture.sim.state.botTurns.at(-1)?.status).toBe('loop-detected');
      await expect(session.sendText('turn 5')).rejects.toThrow(/over/);
    });

    it('does not trip while slot values change', async () => {
      let size = 0;
      fixture = await startBotFixture({}, () => {
        size += 1;
        return moreData('More?', { intent: 'OrderCookie', entities: [{ name: 'Size', type: 'Integer', value: String(size) }] });
      });
      const session = fixture.sim.botConnector('bc-1').startSession(START);
      for (let turn = 1; turn <= 6; turn++) expect((await session.sendText(`turn ${turn}`)).status).toBe('ok');
    });

    it('can be switched off', async () => {
      fixture = await startBotFixture({ botConnector: { loopGuard: false } }, sameIntent);
      const session = fixture.sim.botConnector('bc-1').startSession(START);
      for (let turn = 1; turn <= 6; turn++) expect((await session.sendText(`turn ${turn}`)).status).toBe('ok');
      expect(session.state).toBe('active');
    });
  });

  it('only starts sessions for a bot and version in the bot list, and runs one turn at a time', async () => {
    fixture = await startBotFixture({}, () => 'hang');
    const handle = fixture.sim.botConnector('bc-1');
    expect(() => handle.startSession({ botId: 'other', botVersion: 'Delta' })).toThrow(/not in the bot list/);
    expect(() => handle.startSession({ botId: 'cookie-bot', botVersion: 'Epsilon' })).toThrow(/no version Epsilon/);
    expect(() => handle.startSession({ ...START, parameters: { n: 1 } as never })).toThrow(/parameters.n/);
    expect(() => fixture.sim.botConnector('dbc-1')).toThrow(/Bot Connector integration dbc-1 was not found/);

    const session = handle.startSession(START);
    const first = session.sendText('one');
    await waitFor(() => fixture.bot.requests.length === 1, 'the first turn to reach the bot');
    await expect(session.sendText('two')).rejects.toThrow(/still waiting/);
    await fixture.sim.close();
    expect(await first).toMatchObject({ status: 'aborted', sessionState: 'failed' });
  });

  it('sends any credential field name (e.g. GENESYS_CONNECTION_SECRET) as a header', async () => {
    fixture = await startBotFixture({}, () => moreData());
    const integration = fixture.sim.addBotConnectorIntegration({
      handleUtteranceUri: `${fixture.bot.url}/other`,
      credentials: { GENESYS_CONNECTION_SECRET: 's3cret' },
      chatBots: [{ id: 'b', versions: [{ version: 'v', supportedLanguages: [], intents: [] }] }],
    });
    await fixture.sim.botConnector(integration.id).startSession({ botId: 'b', botVersion: 'v' }).sendText('hi');
    const request: BotRequest = fixture.bot.requestsTo('/other')[0];
    expect(request.headers.genesys_connection_secret).toBe('s3cret');
    expect(request.body?.languageCode).toBe('en-us');
  });
});
