import { type ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { createValidationPipe, type FieldProblem } from '@genesys-bridge/service-runtime';
import { JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { OutboundOpenMessageDto } from './outbound-message.dto';

const BODY: ArgumentMetadata = { type: 'body', metatype: OutboundOpenMessageDto };

/** The controller's pipes, in order. */
async function validate(body: unknown): Promise<OutboundOpenMessageDto> {
  const shaped = new JsonObjectBodyPipe().transform(body, BODY);
  return (await createValidationPipe({ allowUnknownFields: true }).transform(shaped, BODY)) as OutboundOpenMessageDto;
}

async function problemsOf(body: unknown): Promise<{ message: string; paths: string[] }> {
  try {
    await validate(body);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const response = (error as BadRequestException).getResponse() as { message: string; errors?: FieldProblem[] };
    return { message: response.message, paths: (response.errors ?? []).map((problem) => problem.path) };
  }
  throw new Error('expected a 400');
}

/** As genesys-api.md §2.5 and the simulator send it. */
const agentText = () => ({
  id: 'c327c2078c0b4f2f9d9a4e5a5f1c2b3a',
  channel: {
    id: '5d1e7a54-3c1d-4e4a-9d3b-0c8f0e3a9b11',
    platform: 'Open',
    type: 'Private',
    messageId: 'c327c2078c0b4f2f9d9a4e5a5f1c2b3a',
    to: { id: 'user@example.com', idType: 'Opaque' },
    from: { nickname: 'bridge', id: '5d1e7a54-3c1d-4e4a-9d3b-0c8f0e3a9b11', idType: 'Opaque' },
    time: '2021-02-01T15:04:05.123Z',
  },
  conversationId: 'd06cb41e-7d5b-4a5e-9d7e-2f4f9e7b6a10',
  direction: 'Outbound',
  originatingEntity: 'Human',
  type: 'Text',
  text: 'Hello World',
  content: [],
});

describe('OutboundOpenMessageDto', () => {
  it('accepts the documented text message and keeps every known field', async () => {
    const message = await validate(agentText());
    expect(JSON.parse(JSON.stringify(message))).toEqual(agentText());
  });

  it('drops unknown fields at every level instead of refusing them', async () => {
    const body = { ...agentText(), futureField: 1, channel: { ...agentText().channel, surprise: 'x', to: { ...agentText().channel.to, extra: true } } };
    const message = JSON.parse(JSON.stringify(await validate(body)));
    expect(message).toEqual(agentText());
  });

  it('keeps structured content, attachments, typing events and receipts', async () => {
    const quickReplies = [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'Yes', action: 'Message' } }];
    const structured = { ...agentText(), type: 'Structured', originatingEntity: 'Bot', content: quickReplies };
    expect(JSON.parse(JSON.stringify(await validate(structured))).content).toEqual(quickReplies);

    const attachment = [{ contentType: 'Attachment', attachment: { id: 'a1', mediaType: 'Image', url: 'https://api-downloads.usw2.pure.cloud/x.png', mime: 'image/png', filename: 'x.png', contentSizeBytes: 10 } }];
    expect(JSON.parse(JSON.stringify(await validate({ ...agentText(), text: undefined, content: attachment }))).content).toEqual(attachment);

    const { originatingEntity: _o, text: _t, content: _c, ...envelope } = agentText();
    const typing = { ...envelope, type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }] };
    expect(JSON.parse(JSON.stringify(await validate(typing)))).toEqual(typing);

    const receipt = { ...envelope, type: 'Receipt', status: 'Delivered', isFinalReceipt: true, reasons: [{ code: 'GeneralError' }] };
    expect(JSON.parse(JSON.stringify(await validate(receipt)))).toEqual(receipt);
  });

  it('accepts a message without conversationId (UNCONFIRMED field)', async () => {
    const { conversationId: _, ...body } = agentText();
    await expect(validate(body)).resolves.toMatchObject({ id: body.id });
  });

  it.each([
    ['a missing id', (() => { const { id: _, ...rest } = agentText(); return rest; })(), ['id']],
    ['a numeric id', { ...agentText(), id: 42 }, ['id']],
    ['an id with control characters', { ...agentText(), id: 'a\u0000b' }, ['id']],
    ['an over-long id', { ...agentText(), id: 'x'.repeat(201) }, ['id']],
    ['a missing channel', { ...agentText(), channel: undefined }, ['channel']],
    ['a channel that is a string', { ...agentText(), channel: 'open' }, ['channel']],
    ['a channel without to and time', { ...agentText(), channel: { id: 'i', platform: 'Open', type: 'Private' } }, ['channel.to', 'channel.time']],
    ['a bad channel.to.id and time', { ...agentText(), channel: { ...agentText().channel, to: { id: '' }, time: 'yesterday' } }, ['channel.to.id', 'channel.time']],
    ['an unknown type', { ...agentText(), type: 'Video' }, ['type']],
    ['an unknown direction', { ...agentText(), direction: 'Sideways' }, ['direction']],
    ['a text message without originatingEntity', { ...agentText(), originatingEntity: undefined }, ['originatingEntity']],
    ['an event without events', { ...agentText(), type: 'Event' }, ['events']],
    ['a receipt without status', { ...agentText(), type: 'Receipt' }, ['status']],
    ['content items without contentType', { ...agentText(), content: [{ quickReply: {} }, 'x'] }, ['content.0.contentType', 'content.1']],
    ['an attachment without url', { ...agentText(), content: [{ contentType: 'Attachment', attachment: { mediaType: 'Image' } }] }, ['content.0.attachment.url']],
    ['a numeric text', { ...agentText(), text: 5 }, ['text']],
  ])('refuses %s, naming the field paths', async (_case, body, paths) => {
    const problems = await problemsOf(body);
    expect(problems.message).toBe('Request validation failed');
    expect(problems.paths).toEqual(expect.arrayContaining(paths as string[]));
  });

  it.each([
    ['null', null, /JSON object/],
    ['an array', [agentText()], /JSON object/],
    ['a string', 'hello', /JSON object/],
    ['a number', 7, /JSON object/],
  ])('refuses a body that is %s', async (_case, body, message) => {
    expect((await problemsOf(body)).message).toMatch(message);
  });

  it('refuses deep nesting without overflowing the stack, even in fields it keeps whole', async () => {
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    expect((await problemsOf({ ...agentText(), content: [{ contentType: 'Card', card: deep }] })).message).toMatch(/nested deeper than 32 levels/);
    expect((await problemsOf({ ...agentText(), unknownButDeep: deep })).message).toMatch(/nested deeper/);
  });
});
