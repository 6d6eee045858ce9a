import {
  customAttributesFor,
  customerOf,
  disconnectReason,
  InvalidPayloadError,
  type OutboxRow,
  toAttachment,
  toInboundMessage,
  toStructuredResponse,
  toTypingEvent,
} from './to-genesys-message.mapper';

const createdAt = new Date('2026-05-01T13:01:14.462Z');
const from = { id: 'user-1', idType: 'Opaque' as const, nickname: 'Ann' };
const row = (kind: string, payload: Record<string, unknown>): OutboxRow => ({ id: 'row-1', kind, payload, createdAt });

describe('to-genesys message mapping', () => {
  it('sends our row id and creation time as channel.messageId/time, with participant data only when given', () => {
    expect(toInboundMessage(row('text', { text: 'Hello' }), from, { QueueName: 'Support' })).toEqual({
      channel: { messageId: 'row-1', time: '2026-05-01T13:01:14.462Z', from, metadata: { customAttributes: { QueueName: 'Support' } } },
      text: 'Hello',
    });
    expect(toInboundMessage(row('transcript', { text: 'Bot: hi\nUser: agent' }), from)).toEqual({
      channel: { messageId: 'row-1', time: '2026-05-01T13:01:14.462Z', from },
      text: 'Bot: hi\nUser: agent',
    });
    expect(toInboundMessage(row('text', { text: 'x' }), from, {}).channel.metadata).toBeUndefined();
  });

  it("sends the handover's participant data (plus a text row's own) on the first message, later only what differs", () => {
    const handover = { QueueName: 'Support', lang: 'en' };
    const start = row('text', { text: 'Hi', customAttributes: { QueueName: 'Support', lang: 'en' } });
    expect(customAttributesFor(row('transcript', { text: 'Bot: hi' }), handover, true)).toEqual(handover);
    expect(customAttributesFor(start, handover, true)).toEqual(handover);
    expect(customAttributesFor(start, handover, false)).toBeUndefined();
    expect(customAttributesFor(row('text', { text: 'x' }), handover, false)).toBeUndefined();
    expect(customAttributesFor(row('text', { text: 'x' }), {}, true)).toBeUndefined();
    const own = row('text', { text: 'Hi', customAttributes: { priority: 5, vip: true, QueueName: 'Sales', lang: 'en', gone: null } });
    expect(customAttributesFor(own, handover, true)).toEqual({ QueueName: 'Sales', lang: 'en', priority: '5', vip: 'true' });
    expect(customAttributesFor(own, handover, false)).toEqual({ QueueName: 'Sales', priority: '5', vip: 'true' });
    expect(customAttributesFor(row('attachment', { customAttributes: { a: '1' } }), {}, false)).toBeUndefined();
    expect(() => customAttributesFor(row('text', { text: 'Hi', customAttributes: { a: { b: 1 } } }), {}, false)).toThrow(InvalidPayloadError);
  });

  it('maps attachments, deriving mime, filename and mediaType when missing', () => {
    const message = toInboundMessage(
      row('attachment', {
        text: 'see',
        attachments: [
          { url: 'https://cdn.example.com/a/photo.JPG?sig=1', mediaType: 'image' },
          { url: 'https://cdn.example.com/report', mime: 'application/pdf', filename: 'report.pdf' },
          { url: 'https://cdn.example.com/clip.mp4' },
        ],
      }),
      from,
    );
    expect(message.text).toBe('see');
    expect(message.content).toEqual([
      { contentType: 'Attachment', attachment: { mediaType: 'Image', url: 'https://cdn.example.com/a/photo.JPG?sig=1', mime: 'image/jpeg', filename: 'photo.JPG' } },
      { contentType: 'Attachment', attachment: { mediaType: 'File', url: 'https://cdn.example.com/report', mime: 'application/pdf', filename: 'report.pdf' } },
      { contentType: 'Attachment', attachment: { mediaType: 'Video', url: 'https://cdn.example.com/clip.mp4', mime: 'video/mp4', filename: 'clip.mp4' } },
    ]);
    expect(toAttachment({ url: 'https://x.example/' }, 'a')).toEqual({ mediaType: 'File', url: 'https://x.example/', mime: 'application/octet-stream' });
  });

  it.each([
    ['text without text', row('text', {})],
    ['blank transcript', row('transcript', { text: '  ' })],
    ['attachment without attachments', row('attachment', { attachments: [] })],
    ['attachment without url', row('attachment', { attachments: [{ mediaType: 'Image' }] })],
    ['unknown media type', row('attachment', { attachments: [{ url: 'https://x/y.png', mediaType: 'Sticker' }] })],
    ['typing as a message', row('typing', {})],
  ])('refuses a payload that can never be sent: %s', (_name, outbox) => {
    expect(() => toInboundMessage(outbox, from)).toThrow(InvalidPayloadError);
  });

  it('maps a quick-reply answer to a QuickReply button response', () => {
    expect(toStructuredResponse(row('quick-reply-answer', { quickReply: { text: 'Yes', payload: 'yes', originatingMessageId: 'g-1' } }), from)).toEqual({
      channel: { messageId: 'row-1', time: '2026-05-01T13:01:14.462Z', from },
      buttonResponse: { type: 'QuickReply', text: 'Yes', payload: 'yes' },
      originatingMessageId: 'g-1',
    });
    expect(toStructuredResponse(row('quick-reply-answer', { quickReply: { text: 'No', payload: '' } }), from, { QueueName: 'Q' })).toEqual({
      channel: { messageId: 'row-1', time: '2026-05-01T13:01:14.462Z', from, metadata: { customAttributes: { QueueName: 'Q' } } },
      buttonResponse: { type: 'QuickReply', text: 'No', payload: '' },
    });
    expect(() => toStructuredResponse(row('quick-reply-answer', { text: 'Yes' }), from)).toThrow(InvalidPayloadError);
  });

  it('maps typing to the Typing event and reads the disconnect reason', () => {
    expect(toTypingEvent(row('typing', {}), from)).toEqual({
      channel: { from, time: '2026-05-01T13:01:14.462Z', messageId: 'row-1' },
      events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5_000 } }],
    });
    expect(disconnectReason(row('disconnect', { reason: ' user-left ' }))).toBe('user-left');
    expect(disconnectReason(row('disconnect', {}))).toBe('customer-disconnect');
  });

  it('takes the known string fields of the handover customer as channel.from', () => {
    expect(customerOf({ id: 'u@example.com', idType: 'Email', firstName: 'Ann', extra: 'x', lastName: 7 })).toEqual({ id: 'u@example.com', idType: 'Email', firstName: 'Ann' });
    expect(customerOf({ id: 'u-1' })).toEqual({ id: 'u-1', idType: 'Opaque' });
    expect(() => customerOf({ idType: 'Opaque' })).toThrow(InvalidPayloadError);
    expect(() => customerOf({ id: 'u', idType: 'Fax' })).toThrow(InvalidPayloadError);
  });
});
