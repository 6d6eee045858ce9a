import { GenesysApiError } from '../support/genesys-error';
import { validateInboundMessage } from './inbound-message.validator';

const limits = { maxTextLength: null };
const valid = () => ({
  channel: {
    messageId: 'ext-1',
    time: '2024-05-01T13:01:14.462Z',
    from: { id: 'user@example.com', idType: 'Email', nickname: 'User' },
    metadata: { customAttributes: { rating: '5' } },
  },
  text: 'Hello',
  content: [{ contentType: 'Attachment', attachment: { mediaType: 'Image', url: 'https://cdn.test/a.jpg', mime: 'image/jpeg' } }],
  metadata: { k: 'v' },
});

function errorOf(body: unknown): GenesysApiError {
  try {
    validateInboundMessage(body, limits);
  } catch (error) {
    if (error instanceof GenesysApiError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateInboundMessage', () => {
  it('accepts the documented message and returns customAttributes separately', () => {
    const message = validateInboundMessage(valid(), limits);
    expect(message.channel.customAttributes).toEqual({ rating: '5' });
    expect(message.content[0].attachment.url).toBe('https://cdn.test/a.jpg');
  });

  it.each([
    ['metadata.customAttributes', (b: ReturnType<typeof valid>) => Object.assign(b.metadata, { customAttributes: { a: 'b' } })],
    ['customAttributes', (b: ReturnType<typeof valid>) => Object.assign(b, { customAttributes: { a: 'b' } })],
    ['channel.customAttributes', (b: ReturnType<typeof valid>) => Object.assign(b.channel, { customAttributes: { a: 'b' } })],
    ['metadata.nested', (b: ReturnType<typeof valid>) => Object.assign(b.metadata, { nested: { a: 'b' } })],
    ['channel.metadata.customAttributes.rating', (b: ReturnType<typeof valid>) => Object.assign(b.channel.metadata.customAttributes, { rating: 5 })],
    ['channel.from.id', (b: ReturnType<typeof valid>) => Object.assign(b.channel.from, { id: undefined })],
    ['channel.from.idType', (b: ReturnType<typeof valid>) => Object.assign(b.channel.from, { idType: 'Facebook' })],
    ['channel.from.id', (b: ReturnType<typeof valid>) => Object.assign(b.channel.from, { idType: 'Phone', id: '0612345678' })],
    ['channel.messageId', (b: ReturnType<typeof valid>) => Object.assign(b.channel, { messageId: undefined })],
    ['channel.time', (b: ReturnType<typeof valid>) => Object.assign(b.channel, { time: '01/05/2024 13:01' })],
    ['content[0].contentType', (b: ReturnType<typeof valid>) => Object.assign(b.content[0], { contentType: 'QuickReply' })],
    ['content[0].attachment.url', (b: ReturnType<typeof valid>) => Object.assign(b.content[0].attachment, { url: 'not a url' })],
    ['content[0].attachment.mediaType', (b: ReturnType<typeof valid>) => Object.assign(b.content[0].attachment, { mediaType: 'Gif' })],
    ['text or content', (b: ReturnType<typeof valid>) => Object.assign(b, { text: undefined, content: [] })],
  ])('answers 400 naming %s', (field, mutate) => {
    const body = valid();
    mutate(body);
    const error = errorOf(body);
    expect(error.status).toBe(400);
    expect(error.message).toContain(field);
  });

  it('enforces a configured text length limit', () => {
    expect(() => validateInboundMessage({ ...valid(), text: 'x'.repeat(11) }, { maxTextLength: 10 })).toThrow(/text must be at most 10/);
    expect(validateInboundMessage({ ...valid(), text: 'x'.repeat(10) }, { maxTextLength: 10 }).text).toHaveLength(10);
  });
});
