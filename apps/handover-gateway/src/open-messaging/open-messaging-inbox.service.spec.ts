import { Logger, ServiceUnavailableException } from '@nestjs/common';
import type { AppendResult, MessageEntity, MessageRepository, NewMessage } from '@genesys-bridge/persistence';
import type { DeliverConversationV1, DeliveryDirection } from '@genesys-bridge/queue-contracts';
import type { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { OpenMessagingInbox, WAKE_TIMEOUT_MS } from './open-messaging-inbox.service';
import type { OutboundOpenMessageDto } from './outbound-message.dto';

const CONNECTION_ID = '8a1f1f5e-2f0c-4c47-9a44-1f7a4ad6a1b9';

function message(overrides: Partial<OutboundOpenMessageDto> = {}): OutboundOpenMessageDto {
  return {
    id: 'genesys-1',
    channel: { id: 'integration', platform: 'Open', type: 'Private', to: { id: 'user@example.com' }, time: '2021-02-01T15:04:05.123Z' },
    conversationId: 'conv-1',
    direction: 'Outbound',
    originatingEntity: 'Human',
    type: 'Text',
    text: 'hi',
    ...overrides,
  };
}

/** An in-memory inbox with the repository's idempotency, plus a recording wake-up. */
function setUp({ appendError, wake }: { appendError?: Error; wake?: () => Promise<void> } = {}) {
  const rows: MessageEntity[] = [];
  const appended: NewMessage[] = [];
  const woken: [DeliveryDirection, DeliverConversationV1][] = [];
  const messages = {
    append: async (input: NewMessage): Promise<AppendResult> => {
      appended.push(input);
      if (appendError) throw appendError;
      const existing = rows.find((row) => row.providerMessageId === input.providerMessageId);
      if (existing) return { message: existing, created: false };
      const sequence = rows.filter((row) => row.conversationKey === input.conversationKey).length + 1;
      const row = { ...input, id: `row-${rows.length + 1}`, sequence, status: 'pending' } as MessageEntity;
      rows.push(row);
      return { message: row, created: true };
    },
  } as unknown as MessageRepository;
  const wakeups = {
    wake: async (direction: DeliveryDirection, job: DeliverConversationV1) => {
      woken.push([direction, job]);
      await wake?.();
    },
  } as unknown as DeliveryWakeups;
  return { inbox: new OpenMessagingInbox(messages, wakeups), rows, appended, woken };
}

describe('OpenMessagingInbox', () => {
  // Each spec file has its own module registry: this silences only this file.
  beforeAll(() => Logger.overrideLogger(false));

  it('stores a Genesys message once for the bot, in its conversation, and wakes to-bot delivery', async () => {
    const { inbox, appended, woken } = setUp();
    expect(await inbox.accept(CONNECTION_ID, message())).toEqual({ created: true, sequence: 1 });
    expect(appended[0]).toEqual({
      connectionId: CONNECTION_ID,
      source: 'genesys',
      providerMessageId: 'genesys-1',
      direction: 'to-bot',
      conversationKey: 'conv-1',
      kind: 'text',
      payload: JSON.parse(JSON.stringify(message())),
    });
    expect(woken).toEqual([['to-bot', { v: 1, connectionId: CONNECTION_ID, conversationKey: 'conv-1' }]]);
    expect(await inbox.accept(CONNECTION_ID, message({ id: 'genesys-2' }))).toEqual({ created: true, sequence: 2 });
  });

  it('answers a retry without storing again, waking again only while the row is still pending', async () => {
    const { inbox, rows, woken } = setUp();
    await inbox.accept(CONNECTION_ID, message());
    expect(await inbox.accept(CONNECTION_ID, message())).toEqual({ created: false, sequence: 1 });
    expect(rows).toHaveLength(1);
    expect(woken).toHaveLength(2);
    rows[0].status = 'delivered';
    await inbox.accept(CONNECTION_ID, message());
    expect(woken).toHaveLength(2);
  });

  it('keys on the customer address when Genesys sends no conversationId', async () => {
    const { inbox, appended } = setUp();
    await inbox.accept(CONNECTION_ID, message({ conversationId: undefined }));
    expect(appended[0].conversationKey).toBe('user@example.com');
  });

  it('answers 503 when the database cannot take the message', async () => {
    const { inbox, woken } = setUp({ appendError: new Error('SQLITE_ERROR: no such table: messages') });
    await expect(inbox.accept(CONNECTION_ID, message())).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(woken).toHaveLength(0);
  });

  it('still accepts when the wake-up fails or hangs: the row is committed and the sweeper re-wakes it', async () => {
    const failing = setUp({ wake: () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")) });
    await expect(failing.inbox.accept(CONNECTION_ID, message())).resolves.toEqual({ created: true, sequence: 1 });

    jest.useFakeTimers();
    try {
      const hanging = setUp({ wake: () => new Promise<void>(() => undefined) });
      const accepted = hanging.inbox.accept(CONNECTION_ID, message());
      await jest.advanceTimersByTimeAsync(WAKE_TIMEOUT_MS);
      await expect(accepted).resolves.toEqual({ created: true, sequence: 1 });
    } finally {
      jest.useRealTimers();
    }
  });
});
