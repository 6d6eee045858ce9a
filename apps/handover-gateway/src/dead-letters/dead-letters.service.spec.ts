import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { type Connection, HandoverEntity, MessageEntity, type MessageRepository, type ReplayResult } from '@genesys-bridge/persistence';
import type { DeliverConversationV1, DeliveryDirection } from '@genesys-bridge/queue-contracts';
import type { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import { DeadLetterMetrics } from './dead-letter-metrics';
import { DeadLettersService, REPLAY_WAKE_TIMEOUT_MS } from './dead-letters.service';

const connection = { id: 'connection-a' } as Connection;

function replayed(id: string, direction: 'to-genesys' | 'to-bot', conversationKey: string, sequence = 1) {
  return { id, direction, conversationKey, sequence, kind: 'text', lastError: 'Genesys answered 400' };
}

describe('DeadLettersService', () => {
  let replayFailed: jest.Mock<Promise<ReplayResult>, [string, readonly string[]]>;
  let listFailed: jest.Mock;
  let wake: jest.Mock<Promise<void>, [DeliveryDirection, DeliverConversationV1]>;
  /** Failed user → agent rows the ended-handover check reads, and the handovers that have ended. */
  let failedRows: Partial<MessageEntity>[];
  let endedHandovers: string[];
  let registry: Registry;
  let service: DeadLettersService;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    replayFailed = jest.fn(async (_connectionId: string, ids: readonly string[]) => ({ replayed: [], skipped: ids.map((id) => ({ id, reason: 'not-found' as const })) }));
    listFailed = jest.fn(async () => ({ rows: [], nextBefore: null }));
    wake = jest.fn(async (_direction: DeliveryDirection, _job: DeliverConversationV1) => undefined);
    failedRows = [];
    endedHandovers = [];
    const dataSource = {
      getRepository: (entity: unknown) => ({
        find: async () => (entity === MessageEntity ? failedRows : entity === HandoverEntity ? endedHandovers.map((id) => ({ id })) : []),
      }),
    } as unknown as DataSource;
    registry = new Registry();
    service = new DeadLettersService({ replayFailed, listFailed } as unknown as MessageRepository, { wake } as unknown as DeliveryWakeups, new DeadLetterMetrics(registry), dataSource);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('lists with the default page size and maps the rows', async () => {
    const createdAt = new Date();
    listFailed.mockResolvedValue({
      rows: [{ id: 'm1', direction: 'to-bot', conversationKey: 'g1', sequence: 4, kind: 'text', attempts: 2, lastError: 'refused', providerMessageId: 'p1', payload: { text: 'hi' }, createdAt, updatedAt: createdAt }],
      nextBefore: 'm1',
    });
    const page = await service.list(connection, { direction: 'to-bot' });
    expect(listFailed).toHaveBeenCalledWith('connection-a', { direction: 'to-bot', conversationKey: undefined, before: undefined, limit: 50 });
    expect(page).toEqual({
      deadLetters: [{ id: 'm1', direction: 'to-bot', conversationKey: 'g1', sequence: 4, kind: 'text', attempts: 2, failure: 'refused', providerMessageId: 'p1', preview: 'hi', createdAt, updatedAt: createdAt }],
      nextBefore: 'm1',
    });
  });

  it('replays, wakes each conversation once in its direction, and counts the replays', async () => {
    replayFailed.mockResolvedValue({
      replayed: [replayed('m1', 'to-genesys', 'h1', 1), replayed('m2', 'to-genesys', 'h1', 3), replayed('m3', 'to-bot', 'g1'), replayed('m4', 'to-genesys', 'h2')],
      skipped: [{ id: 'm5', reason: 'not-failed' }],
    });
    const result = await service.replay(connection, ['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(result).toEqual({
      replayed: [
        { id: 'm1', direction: 'to-genesys', conversationKey: 'h1', sequence: 1, kind: 'text' },
        { id: 'm2', direction: 'to-genesys', conversationKey: 'h1', sequence: 3, kind: 'text' },
        { id: 'm3', direction: 'to-bot', conversationKey: 'g1', sequence: 1, kind: 'text' },
        { id: 'm4', direction: 'to-genesys', conversationKey: 'h2', sequence: 1, kind: 'text' },
      ],
      skipped: [{ id: 'm5', reason: 'not-failed' }],
    });
    expect(wake.mock.calls).toEqual([
      ['to-genesys', { v: 1, connectionId: 'connection-a', conversationKey: 'h1' }],
      ['to-bot', { v: 1, connectionId: 'connection-a', conversationKey: 'g1' }],
      ['to-genesys', { v: 1, connectionId: 'connection-a', conversationKey: 'h2' }],
    ]);
    expect(await registry.getSingleMetricAsString('genesys_bridge_dead_letters_replayed_total')).toMatch(/direction="to-genesys"} 3[\s\S]*direction="to-bot"} 1/);
  });

  it('skips user → agent messages of ended handovers, but not their disconnect, and keeps the order of the request', async () => {
    failedRows = [
      { id: 'm1', conversationKey: 'ended-1', kind: 'text' },
      { id: 'm2', conversationKey: 'open-1', kind: 'text' },
      { id: 'm3', conversationKey: 'ended-1', kind: 'disconnect' },
    ];
    endedHandovers = ['ended-1'];
    replayFailed.mockImplementation(async (_connectionId, ids) => ({
      replayed: ids.filter((id) => id !== 'm9').map((id) => replayed(id, 'to-genesys', id === 'm2' ? 'open-1' : 'ended-1')),
      skipped: ids.includes('m9') ? [{ id: 'm9', reason: 'not-found' }] : [],
    }));
    const result = await service.replay(connection, ['m9', 'm1', 'm2', 'm3']);
    expect(replayFailed).toHaveBeenCalledWith('connection-a', ['m9', 'm2', 'm3']);
    expect(result.replayed.map((row) => row.id)).toEqual(['m2', 'm3']);
    expect(result.skipped).toEqual([
      { id: 'm9', reason: 'not-found' },
      { id: 'm1', reason: 'handover-ended' },
    ]);
  });

  it('answers after the commit even when Redis refuses the wake-ups', async () => {
    replayFailed.mockResolvedValue({ replayed: [replayed('m1', 'to-genesys', 'h1'), replayed('m2', 'to-bot', 'g1')], skipped: [] });
    wake.mockRejectedValueOnce(new Error('Connection is closed.'));
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const result = await service.replay(connection, ['m1', 'm2']);
    expect(result.replayed).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ error: 'Connection is closed.' }), expect.stringMatching(/outbox sweeper/));
  });

  it('answers within the wake-up budget when Redis does not answer at all', async () => {
    jest.useFakeTimers();
    replayFailed.mockResolvedValue({ replayed: [replayed('m1', 'to-genesys', 'h1')], skipped: [] });
    wake.mockReturnValue(new Promise<void>(() => undefined));
    const answer = service.replay(connection, ['m1']);
    await jest.advanceTimersByTimeAsync(REPLAY_WAKE_TIMEOUT_MS);
    await expect(answer).resolves.toMatchObject({ replayed: [{ id: 'm1' }] });
  });

  it('answers 503 when the database fails, and wakes nothing', async () => {
    replayFailed.mockRejectedValue(new Error('SQLITE_BUSY: database is locked'));
    await expect(service.replay(connection, ['m1'])).rejects.toBeInstanceOf(ServiceUnavailableException);
    listFailed.mockRejectedValue(new Error('connection terminated'));
    await expect(service.list(connection, {})).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(wake).not.toHaveBeenCalled();
  });
});
