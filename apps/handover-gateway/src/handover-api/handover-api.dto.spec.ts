import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, type FieldProblem } from '@genesys-bridge/service-runtime';
import { EndHandoverDto, HandoverMessageDto, StartHandoverDto } from './handover-api.dto';

const pipe = createValidationPipe();

async function problems(metatype: new () => object, body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return ((error.getResponse() as { errors: FieldProblem[] }).errors ?? []).map((problem) => problem.path);
  }
}

const start = (overrides: Record<string, unknown> = {}) => ({
  conversationId: 'conv-1',
  customer: { id: 'ada@example.com', idType: 'Email' },
  firstMessage: { messageId: 'm-1', text: 'I need a human' },
  ...overrides,
});

describe('handover API bodies', () => {
  it('accepts a full start and refuses unknown fields anywhere, by path', async () => {
    const full = start({
      queueName: 'Support',
      skills: ['billing'],
      language: 'en-us',
      priority: 10,
      genesysMetaData: '{"tier":"gold"}',
      customAttributes: { caseId: 'C-1' },
      sendProfile: true,
      transcript: [{ from: 'user', text: 'hi', time: '2024-05-01T13:00:00Z' }],
      callbackUrl: 'https://bot.example/agent',
    });
    expect(await problems(StartHandoverDto, full)).toEqual([]);
    expect(await problems(StartHandoverDto, { ...full, extra: 1, customer: { id: 'ada@example.com', idType: 'Email', age: 3 } })).toEqual(['extra', 'customer.age']);
  });

  it('names each bad field of a start by its path', async () => {
    expect(
      await problems(StartHandoverDto, {
        conversationId: '',
        customer: { id: '+12', idType: 'Fax' },
        priority: 'high',
        genesysMetaData: 'not json',
        customAttributes: { n: 1 },
        transcript: [{ from: 'agent', text: 'x' }],
        firstMessage: { messageId: 'm\u0000', text: '' },
      }),
    ).toEqual([
      'conversationId',
      'customer.idType',
      'priority',
      'genesysMetaData',
      'customAttributes',
      'transcript.0.from',
      'firstMessage.messageId',
      'firstMessage.text',
    ]);
    expect(await problems(StartHandoverDto, {})).toEqual(['conversationId', 'customer', 'firstMessage']);
  });

  it('checks the customer id against its idType', async () => {
    expect(await problems(StartHandoverDto, start({ customer: { id: 'not-an-email', idType: 'Email' } }))).toEqual(['customer.id']);
    expect(await problems(StartHandoverDto, start({ customer: { id: '0044 20', idType: 'Phone' } }))).toEqual(['customer.id']);
    expect(await problems(StartHandoverDto, start({ customer: { id: '+442071234567', idType: 'Phone' } }))).toEqual([]);
    expect(await problems(StartHandoverDto, start({ customer: { id: 'anything at all', idType: 'Opaque' } }))).toEqual([]);
  });

  it('takes GenesysMetaData as an object or a JSON string of one', async () => {
    for (const ok of [{ a: { b: 1 } }, '{"a":1}', '']) expect(await problems(StartHandoverDto, start({ genesysMetaData: ok }))).toEqual([]);
    for (const bad of ['[1]', '"text"', 42, [1], 'null']) expect(await problems(StartHandoverDto, start({ genesysMetaData: bad }))).toEqual(['genesysMetaData']);
  });

  it('needs text, attachments or a lone quick reply in a message', async () => {
    expect(await problems(HandoverMessageDto, { messageId: 'm' })).toEqual(['text']);
    expect(await problems(HandoverMessageDto, { messageId: 'm', text: 'hi' })).toEqual([]);
    expect(await problems(HandoverMessageDto, { messageId: 'm', attachments: [{ url: 'https://cdn.example/a.png', mediaType: 'Image', mime: 'image/png' }] })).toEqual([]);
    expect(await problems(HandoverMessageDto, { messageId: 'm', attachments: [] })).toEqual(['attachments']);
    expect(await problems(HandoverMessageDto, { messageId: 'm', attachments: [{ url: 'ftp://x/a', mediaType: 'Picture' }] })).toEqual(['attachments.0.url', 'attachments.0.mediaType']);
    const quickReply = { text: 'Yes', payload: 'YES', originatingMessageId: 'g-1' };
    expect(await problems(HandoverMessageDto, { messageId: 'm', quickReply })).toEqual([]);
    expect(await problems(HandoverMessageDto, { messageId: 'm', text: 'hi', quickReply })).toEqual(['quickReply']);
    expect(await problems(HandoverMessageDto, { messageId: 'm', quickReply: { text: 'Yes' } })).toEqual(['quickReply.payload', 'quickReply.originatingMessageId']);
  });

  it('takes an end without a body', async () => {
    expect(await problems(EndHandoverDto, undefined)).toEqual([]);
    expect(await problems(EndHandoverDto, { reason: 'x'.repeat(65) })).toEqual(['reason']);
  });
});
