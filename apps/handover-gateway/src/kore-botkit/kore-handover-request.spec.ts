import { BadRequestException } from '@nestjs/common';
import { parseBotKitPayload } from '@genesys-bridge/platform-adapters';
import { MAX_ATTACHMENTS, MAX_TEXT_LENGTH } from '../handover-api/handover-api.dto';
import { DEFAULT_TRANSFER_TEXT, koreHandoverRequest, koreUserMessage } from './kore-handover-request';

/** An `on_agent_transfer` / `on_user_message` body shaped like bot-platforms.md §B4, read by the real parser. */
function botKit(overrides: Record<string, unknown> = {}) {
  return parseBotKitPayload({
    requestId: '1501244156289',
    botId: 'st-5b1c7a8e-1234-5678-9abc-def012345678',
    baseUrl: 'https://bots.kore.ai/api/botsdk/stream/st-5b1c7a8e',
    message: '  I want to talk to a person  ',
    metaInfo: {},
    context: { session: { UserContext: { _id: 'u-42', firstName: ' Ada ', lastName: 'Lovelace', emailId: 'ada@example.com' } } },
    channel: { type: 'rtm', from: 'u-42', channelInfos: { from: 'u-42' } },
    ...overrides,
  });
}

/** The `errors[0].path` of the 400 a call throws. */
function badRequestPath(call: () => unknown): string {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BadRequestException);
  const body = (caught as BadRequestException).getResponse() as { statusCode: number; errors: { path: string; problems: string[] }[] };
  expect(body.statusCode).toBe(400);
  return body.errors[0].path;
}

describe('koreHandoverRequest', () => {
  it('opens with the trimmed user text, keyed kore:transfer:<requestId>, for the Kore user with the UserContext profile', () => {
    expect(koreHandoverRequest(botKit())).toEqual({
      conversationId: 'u-42',
      customer: { id: 'u-42', idType: 'Opaque', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      genesysMetaData: undefined,
      firstMessage: { messageId: 'kore:transfer:1501244156289', text: 'I want to talk to a person' },
    });
  });

  it('opens with the default text when the transfer carries no (or a blank) message', () => {
    expect(koreHandoverRequest(botKit({ message: undefined })).firstMessage.text).toBe(DEFAULT_TRANSFER_TEXT);
    expect(koreHandoverRequest(botKit({ message: '   ' })).firstMessage.text).toBe(DEFAULT_TRANSFER_TEXT);
  });

  it("uses Kore's own message id when the payload has one", () => {
    expect(koreHandoverRequest(botKit({ messageObject: { messageId: 'ms-7' } })).firstMessage.messageId).toBe('kore:transfer:ms-7');
  });

  it('leaves out profile fields UserContext does not give as non-empty strings', () => {
    const request = koreHandoverRequest(botKit({ context: { session: { UserContext: { _id: 'u-42', firstName: '', lastName: 7 } } } }));
    expect(request.customer).toEqual({ id: 'u-42', idType: 'Opaque' });
  });

  it('reads metaInfo.GenesysMetaData given as a JSON string, merged over the other metaInfo keys', () => {
    const metaInfo = { region: 'eu', QueueName: 'FromMetaInfo', GenesysMetaData: JSON.stringify({ QueueName: 'Support', customer: { tier: 'gold' } }) };
    expect(koreHandoverRequest(botKit({ metaInfo })).genesysMetaData).toEqual({ region: 'eu', QueueName: 'Support', customer: { tier: 'gold' } });
  });

  it('reads metaInfo.GenesysMetaData given as an object the same way', () => {
    const metaInfo = { region: 'eu', QueueName: 'FromMetaInfo', GenesysMetaData: { QueueName: 'Support', customer: { tier: 'gold' } } };
    expect(koreHandoverRequest(botKit({ metaInfo })).genesysMetaData).toEqual({ region: 'eu', QueueName: 'Support', customer: { tier: 'gold' } });
  });

  it('keeps the other metaInfo keys without GenesysMetaData, and gives no metadata for an empty metaInfo', () => {
    expect(koreHandoverRequest(botKit({ metaInfo: { region: 'eu', GenesysMetaData: '' } })).genesysMetaData).toEqual({ region: 'eu' });
    expect(koreHandoverRequest(botKit({ metaInfo: {} })).genesysMetaData).toBeUndefined();
    expect(koreHandoverRequest(botKit({ metaInfo: 'not an object' })).genesysMetaData).toBeUndefined();
  });

  it('refuses a GenesysMetaData string that is not JSON with a 400 naming metaInfo.GenesysMetaData', () => {
    expect(badRequestPath(() => koreHandoverRequest(botKit({ metaInfo: { GenesysMetaData: '{QueueName: Support' } })))).toBe('metaInfo.GenesysMetaData');
  });

  it('refuses an opening text longer than the limit with a 400 naming message', () => {
    expect(badRequestPath(() => koreHandoverRequest(botKit({ message: 'x'.repeat(MAX_TEXT_LENGTH + 1) })))).toBe('message');
  });
});

describe('koreUserMessage', () => {
  it('sends the trimmed text, keyed kore:message:<requestId>', () => {
    expect(koreUserMessage(botKit({ message: ' Thanks! ' }))).toEqual({ messageId: 'kore:message:1501244156289', text: 'Thanks!' });
  });

  it('maps messageObject.attachments with an http(s) URL by fileType, with the file name', () => {
    const attachments = [
      { url: 'https://files.kore.ai/a.png', fileType: 'image', fileName: 'a.png' },
      { url: 'https://files.kore.ai/b.mp4', fileType: 'Video' },
      { url: 'https://files.kore.ai/c.mp3', fileType: 'audio', fileName: '  ' },
      { url: 'https://files.kore.ai/d.pdf', fileType: 'attachment', fileName: 'd.pdf' },
      { url: 'http://files.kore.ai/e.bin' },
      { url: 'ftp://files.kore.ai/skipped.png', fileType: 'image' },
      { fileId: '650c-no-url', fileType: 'image' },
      'not an object',
    ];
    expect(koreUserMessage(botKit({ message: '', messageObject: { attachments } }))).toEqual({
      messageId: 'kore:message:1501244156289',
      attachments: [
        { url: 'https://files.kore.ai/a.png', mediaType: 'Image', filename: 'a.png' },
        { url: 'https://files.kore.ai/b.mp4', mediaType: 'Video' },
        { url: 'https://files.kore.ai/c.mp3', mediaType: 'Audio' },
        { url: 'https://files.kore.ai/d.pdf', mediaType: 'File', filename: 'd.pdf' },
        { url: 'http://files.kore.ai/e.bin', mediaType: 'File' },
      ],
    });
  });

  it('sends text and attachments together, at most MAX_ATTACHMENTS of them', () => {
    const attachments = Array.from({ length: MAX_ATTACHMENTS + 3 }, (_, index) => ({ url: `https://files.kore.ai/${index}.png`, fileType: 'image' }));
    const message = koreUserMessage(botKit({ message: 'See these', messageObject: { attachments, messageId: 'ms-9' } }));
    expect(message.messageId).toBe('kore:message:ms-9');
    expect(message.text).toBe('See these');
    expect(message.attachments).toHaveLength(MAX_ATTACHMENTS);
    expect(message.attachments?.[MAX_ATTACHMENTS - 1].url).toBe(`https://files.kore.ai/${MAX_ATTACHMENTS - 1}.png`);
  });

  it('refuses an empty message without usable attachments with a 400 naming message', () => {
    expect(badRequestPath(() => koreUserMessage(botKit({ message: '   ' })))).toBe('message');
    expect(badRequestPath(() => koreUserMessage(botKit({ message: undefined, messageObject: { attachments: [{ url: 'ftp://x/y' }] } })))).toBe('message');
  });

  it('refuses a text longer than the limit with a 400 naming message', () => {
    expect(badRequestPath(() => koreUserMessage(botKit({ message: 'x'.repeat(MAX_TEXT_LENGTH + 1) })))).toBe('message');
  });
});
