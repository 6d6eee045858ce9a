import type { MessageEntity } from '@genesys-bridge/persistence';
import { PREVIEW_LENGTH, previewOf, toDeadLetterView } from './dead-letter.view';

describe('dead-letter view', () => {
  it('shows where a failed message belongs and why it failed, never its payload', () => {
    const createdAt = new Date('2025-01-01T10:00:00Z');
    const updatedAt = new Date('2025-01-01T10:00:05Z');
    const row = {
      id: 'b3d7c1a0-0000-4000-8000-000000000001',
      connectionId: 'connection-1',
      source: 'generic',
      providerMessageId: 'bot-message-7',
      direction: 'to-genesys',
      conversationKey: 'handover-1',
      sequence: 2,
      kind: 'text',
      payload: { text: 'I need an agent', customAttributes: { accountId: 'A-123', token: 'secret-token' }, attachments: [{ url: 'https://files.example/x?sig=abc' }] },
      status: 'failed',
      attempts: 3,
      lastError: 'Genesys answered 400: text too long',
      deliveredAt: null,
      createdAt,
      updatedAt,
    } as MessageEntity;

    const view = toDeadLetterView(row);
    expect(view).toEqual({
      id: row.id,
      direction: 'to-genesys',
      conversationKey: 'handover-1',
      sequence: 2,
      kind: 'text',
      attempts: 3,
      failure: 'Genesys answered 400: text too long',
      providerMessageId: 'bot-message-7',
      preview: 'I need an agent',
      createdAt,
      updatedAt,
    });
    expect(JSON.stringify(view)).not.toMatch(/A-123|secret-token|sig=abc|connection-1/);
  });

  it('previews the start of the text only, whitespace folded, cut on a character boundary', () => {
    expect(previewOf({ text: '  Hello\n\nthere\t ' })).toBe('Hello there');
    const long = `${'😀'.repeat(PREVIEW_LENGTH)}tail`;
    const preview = previewOf({ text: long }) ?? '';
    expect([...preview]).toHaveLength(PREVIEW_LENGTH);
    expect(preview.endsWith('😀…')).toBe(true);
    expect(previewOf({ text: 'x'.repeat(PREVIEW_LENGTH) })).toBe('x'.repeat(PREVIEW_LENGTH));
  });

  it('has no preview for messages without text', () => {
    expect(previewOf({})).toBeNull();
    expect(previewOf({ text: '   ' })).toBeNull();
    expect(previewOf({ text: 42 })).toBeNull();
    expect(previewOf({ reason: 'user-ended' })).toBeNull();
    expect(previewOf(null)).toBeNull();
  });
});
