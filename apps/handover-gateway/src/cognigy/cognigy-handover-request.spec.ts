import { BadRequestException } from '@nestjs/common';
import type { HandoverEntity } from '@genesys-bridge/persistence';
import { MAX_ATTACHMENTS } from '../handover-api/handover-api.dto';
import { cognigyConversationId, cognigyHandoverRequest, cognigyHandoverStatus, cognigyUserMessage, DEFAULT_HANDOVER_TEXT } from './cognigy-handover-request';
import type { CognigyHandoverStartDto, CognigyUserMessageDto } from './cognigy-handover.dto';

const SESSION = { userId: 'user-1', sessionId: 'session-1' };
const start = (fields: Partial<CognigyHandoverStartDto> = {}): CognigyHandoverStartDto => ({ ...SESSION, data: {}, ...fields });
const userMessage = (fields: Partial<CognigyUserMessageDto> = {}): CognigyUserMessageDto => ({ ...SESSION, ...fields });

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

describe('cognigyConversationId', () => {
  it('keys the user and session together, unambiguously', () => {
    expect(cognigyConversationId(SESSION)).toBe('["user-1","session-1"]');
    expect(cognigyConversationId({ userId: 'a:b', sessionId: 'c' })).not.toBe(cognigyConversationId({ userId: 'a', sessionId: 'b:c' }));
    expect(cognigyConversationId({ userId: 'a","b', sessionId: 'c' })).not.toBe(cognigyConversationId({ userId: 'a', sessionId: 'b","c' }));
    expect(JSON.parse(cognigyConversationId({ userId: 'a","b', sessionId: 'c' }))).toEqual(['a","b', 'c']);
  });
});

describe('cognigyHandoverRequest', () => {
  it('reads data.handover: queue, skills, language, numeric priority, GenesysMetaData and customAttributes', () => {
    const warnings: string[] = [];
    const request = cognigyHandoverRequest(
      start({
        text: ' I need help with my bill ',
        messageId: 'cognigy-msg-1',
        profile: { firstName: 'Ada', email: 'ada@example.com' },
        transcript: [{ from: 'user', text: 'hi' }],
        data: {
          handover: {
            QueueName: 'Support',
            skills: ['billing', 'french'],
            language: 'fr-fr',
            priority: '3',
            GenesysMetaData: { customer: { tier: 'gold' } },
            customAttributes: { caseId: 'C-9', region: 'EU', vip: true, score: 5, order: { id: 'o-1' } },
            reason: 'angry customer',
          },
        },
      }),
      warnings,
    );
    expect(request).toEqual({
      conversationId: '["user-1","session-1"]',
      customer: { id: 'user-1', idType: 'Opaque', firstName: 'Ada', email: 'ada@example.com' },
      queueName: 'Support',
      skills: ['billing', 'french'],
      language: 'fr-fr',
      priority: 3,
      genesysMetaData: { vip: true, score: 5, order: { id: 'o-1' }, customer: { tier: 'gold' } },
      customAttributes: { caseId: 'C-9', region: 'EU' },
      transcript: [{ from: 'user', text: 'hi' }],
      firstMessage: { messageId: 'cognigy-msg-1', text: 'I need help with my bill' },
    });
    expect(warnings).toEqual([]);
  });

  it('takes skills as a comma-separated string and GenesysMetaData as a JSON string', () => {
    const request = cognigyHandoverRequest(start({ data: { handover: { skills: 'billing, french,', GenesysMetaData: '{"customer":{"tier":"gold"}}' } } }), []);
    expect(request.skills).toEqual(['billing', 'french']);
    expect(request.genesysMetaData).toEqual({ customer: { tier: 'gold' } });
  });

  it('lets GenesysMetaData win over a non-string custom attribute of the same name', () => {
    const request = cognigyHandoverRequest(start({ data: { handover: { GenesysMetaData: { tier: 'gold' }, customAttributes: { tier: 1, other: false } } } }), []);
    expect(request.genesysMetaData).toEqual({ tier: 'gold', other: false });
    expect(request.customAttributes).toBeUndefined();
  });

  it('leaves out unusable routing values with a warning, and the handover still stands', () => {
    const warnings: string[] = [];
    const request = cognigyHandoverRequest(start({ data: { handover: { QueueName: 'Support', priority: 'high', skills: 42 } } }), warnings);
    expect(request.queueName).toBe('Support');
    expect(request.priority).toBeUndefined();
    expect(request.skills).toBeUndefined();
    expect(warnings).toEqual([
      'data.handover: handover skills must be an array of strings or a comma-separated string; ignored',
      'data.handover: handover priority is not a number; ignored',
    ]);
  });

  it('needs no data.handover: no routing, the default text, a generated message id', () => {
    const request = cognigyHandoverRequest(start(), []);
    expect(request).toMatchObject({ conversationId: '["user-1","session-1"]', customer: { id: 'user-1', idType: 'Opaque' } });
    expect(request.queueName).toBeUndefined();
    expect(request.genesysMetaData).toBeUndefined();
    expect(request.customAttributes).toBeUndefined();
    expect(request.firstMessage.text).toBe(DEFAULT_HANDOVER_TEXT);
    expect(request.firstMessage.messageId).toMatch(/^cognigy:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(cognigyHandoverRequest(start(), []).firstMessage.messageId).not.toBe(request.firstMessage.messageId);
  });

  it('opens with the text, else the handover reason, else the default text', () => {
    const handover = { reason: ' Customer is upset ' };
    expect(cognigyHandoverRequest(start({ text: 'Agent please', data: { handover } }), []).firstMessage.text).toBe('Agent please');
    expect(cognigyHandoverRequest(start({ text: '   ', data: { handover } }), []).firstMessage.text).toBe('Customer is upset');
    expect(cognigyHandoverRequest(start({ data: { handover: { reason: '' } } }), []).firstMessage.text).toBe(DEFAULT_HANDOVER_TEXT);
  });

  it.each([['a string'], [['QueueName', 'Support']], [null], [42]])('refuses data.handover = %j with a 400 naming data.handover', (handover) => {
    expect(badRequestPath(() => cognigyHandoverRequest(start({ data: { handover } }), []))).toBe('data.handover');
  });
});

describe('cognigyUserMessage', () => {
  it('sends the trimmed text with the given message id', () => {
    expect(cognigyUserMessage(userMessage({ text: ' hello ', messageId: 'm-1' }))).toEqual({ messageId: 'm-1', text: 'hello' });
    expect(cognigyUserMessage(userMessage({ text: 'hello' })).messageId).toMatch(/^cognigy:[0-9a-f-]{36}$/);
  });

  it('maps data.attachments: the mime type gives the media type, the name the file name', () => {
    const attachments = [
      { url: 'https://cdn.example/a.png', mimeType: 'image/png', name: ' a.png ' },
      { url: 'https://cdn.example/b.mp4', mimeType: 'video/mp4' },
      { url: 'https://cdn.example/c.ogg', mimeType: 'audio/ogg' },
      { url: 'https://cdn.example/d.pdf', mimeType: 'application/pdf', name: 'd.pdf' },
      { url: 'http://cdn.example/e', name: '' },
      { url: 'https://cdn.example/f.jpg', mimeType: 'image/jpeg; name="x"' },
    ];
    expect(cognigyUserMessage(userMessage({ messageId: 'm-2', data: { attachments } }))).toEqual({
      messageId: 'm-2',
      attachments: [
        { url: 'https://cdn.example/a.png', mediaType: 'Image', mime: 'image/png', filename: 'a.png' },
        { url: 'https://cdn.example/b.mp4', mediaType: 'Video', mime: 'video/mp4' },
        { url: 'https://cdn.example/c.ogg', mediaType: 'Audio', mime: 'audio/ogg' },
        { url: 'https://cdn.example/d.pdf', mediaType: 'File', mime: 'application/pdf', filename: 'd.pdf' },
        { url: 'http://cdn.example/e', mediaType: 'File' },
        // An unusable mime type still says what the media is, but is not passed on.
        { url: 'https://cdn.example/f.jpg', mediaType: 'Image' },
      ],
    });
  });

  it('sends text and attachments together', () => {
    const message = cognigyUserMessage(userMessage({ text: 'See this', data: { attachments: [{ url: 'https://cdn.example/a.png' }] } }));
    expect(message).toMatchObject({ text: 'See this', attachments: [{ url: 'https://cdn.example/a.png', mediaType: 'File' }] });
  });

  it.each<[string, string, unknown]>([
    ['data.attachments', 'a string', 'https://cdn.example/a.png'],
    ['data.attachments', 'an object', { url: 'https://cdn.example/a.png' }],
    ['data.attachments[0].url', 'an item without url', [{ name: 'no url' }]],
    ['data.attachments[0].url', 'a bare URL string as item', ['https://cdn.example/a.png']],
    ['data.attachments[0].url', 'an ftp URL', [{ url: 'ftp://cdn.example/a.png' }]],
    ['data.attachments[0].url', 'a URL with a space', [{ url: 'https://cdn.example/a b.png' }]],
    ['data.attachments[0].url', 'a URL over 2000 characters', [{ url: `https://cdn.example/${'x'.repeat(2_000)}` }]],
    ['data.attachments[1].url', 'a bad second item', [{ url: 'https://cdn.example/a.png' }, { url: 'javascript:alert(1)' }]],
    ['data.attachments', 'one too many', Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, index) => ({ url: `https://cdn.example/${index}.png` }))],
  ])('refuses unusable attachments with a 400 naming %s (%s)', (path, _what, attachments) => {
    expect(badRequestPath(() => cognigyUserMessage(userMessage({ text: 'x', data: { attachments } })))).toBe(path);
  });

  it('accepts exactly MAX_ATTACHMENTS attachments', () => {
    const attachments = Array.from({ length: MAX_ATTACHMENTS }, (_, index) => ({ url: `https://cdn.example/${index}.png` }));
    expect(cognigyUserMessage(userMessage({ data: { attachments } })).attachments).toHaveLength(MAX_ATTACHMENTS);
  });

  it('refuses a message with neither text nor attachments with a 400 naming text', () => {
    expect(badRequestPath(() => cognigyUserMessage(userMessage({ text: '  ' })))).toBe('text');
    expect(badRequestPath(() => cognigyUserMessage(userMessage({ data: { attachments: [] } })))).toBe('text');
  });
});

describe('cognigyHandoverStatus', () => {
  const status = (handover: Pick<HandoverEntity, 'status' | 'endReason'>) => cognigyHandoverStatus(handover);

  it('is queue while starting and active once Genesys took it', () => {
    expect(status({ status: 'starting', endReason: null })).toBe('queue');
    expect(status({ status: 'active', endReason: null })).toBe('active');
  });

  it.each<[string, string]>([
    ['genesys-refused: 400 bad request', 'error'],
    ['genesys-refused', 'error'],
    ['user-ended', 'cancelled'],
    ['customer-left', 'cancelled'],
    ['cognigy-timeout', 'cancelled'],
    ['agent-ended', 'completed'],
    ['kore-endConversation', 'completed'],
    ['ended-by-the-user', 'completed'],
  ])('maps an end with reason %j to %s', (endReason, expected) => {
    expect(status({ status: 'ended', endReason })).toBe(expected);
  });

  it('is completed for an end without reason', () => {
    expect(status({ status: 'ended', endReason: null })).toBe('completed');
  });
});
