import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { type GenesysClient, type MessageMediaParticipant } from '@genesys-bridge/genesys-client';
import type { GenesysClients } from '@genesys-bridge/genesys-connections';
import type { Connection, ConnectionRepository, HandoverEntity, HandoverRepository, MessageRepository } from '@genesys-bridge/persistence';
import type { EvaluateEndV1, NoAgentCheckV1 } from '@genesys-bridge/queue-contracts';
import type { DeliveryWakeups } from '@genesys-bridge/queue-runtime';
import type { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';
import type { HandoverEndReports, PendingNotice } from '../handovers/handover-end-reports';
import type { EndDetection } from './end-detection.service';
import { EndDetectionMetrics } from './end-detection-metrics';
import { EndEvaluation, MAX_RECHECKS } from './end-evaluation.service';
import { EvaluateLater, GenesysConversationReader } from './genesys-conversation-reader';
import { NoAgentFallback } from './no-agent-fallback.service';

const NOW = Date.parse('2025-06-01T10:00:00.000Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1_000).toISOString();

function setup({ budgetPoints = 100, settings = {} as Record<string, unknown> } = {}) {
  const handover = { id: 'h1', connectionId: 'c1', platform: 'generic', genesysConversationId: 'g1', status: 'active' } as HandoverEntity;
  const handovers = {
    noted: [] as string[][],
    findByGenesysConversation: jest.fn(async (connectionId: string, id: string) => (connectionId === 'c1' && id === 'g1' ? { ...handover } : null)),
    findById: jest.fn(async (id: string) => (id === 'h1' ? { ...handover } : null)),
    noteSignal: async (ids: string[]) => void handovers.noted.push(ids),
  };
  const connection = { id: 'c1', genesysClientId: 'oauth-1', disabledAt: null, botPlatformSettings: settings } as unknown as Connection;
  const connections = { findById: async (id: string) => (id === 'c1' ? connection : null) };
  let participants: MessageMediaParticipant[] = [];
  const client = { getMessageConversation: jest.fn(async (id: string) => ({ id, participants })) };
  const genesys = { forConnection: async () => client as unknown as GenesysClient };
  const budget = new GenesysRateBudget(new RateLimiterMemory({ points: budgetPoints, duration: 60 }));
  const reader = new GenesysConversationReader(genesys as unknown as GenesysClients, budget);
  const endReports = {
    ended: [] as { handoverId: string; status: string; reason: string; notices: readonly PendingNotice[]; disconnectType?: string }[],
    notices: [] as { key: string; notice: string; text: string }[],
    endAndReport: jest.fn(async (h: HandoverEntity, status: string, reason: string, { notices = [], disconnectType }: { notices?: readonly PendingNotice[]; disconnectType?: string } = {}) => {
      if (handover.status === 'ended') return false;
      handover.status = 'ended';
      endReports.ended.push({ handoverId: h.id, status, reason, notices, ...(disconnectType ? { disconnectType } : {}) });
      return true;
    }),
    relayNotice: async (_h: HandoverEntity, key: string, notice: string, text: string) => void endReports.notices.push({ key, notice, text }),
  };
  const registry = new Registry();
  const metrics = new EndDetectionMetrics(registry);
  const enqueued: { job: EvaluateEndV1; delayMs: number; window: string }[] = [];
  const endDetection = { enqueue: async (job: EvaluateEndV1, schedule: { delayMs: number; window: string }) => void enqueued.push({ job, ...schedule }) };
  const env = { END_TRANSFER_DEBOUNCE_MS: 10_000 } as HandoverGatewayEnv;
  const evaluation = new EndEvaluation(
    handovers as unknown as HandoverRepository,
    connections as unknown as ConnectionRepository,
    reader,
    endReports as unknown as HandoverEndReports,
    metrics,
    endDetection as unknown as EndDetection,
    env,
  );
  evaluation.clock = () => NOW;
  const messages = { appended: [] as Record<string, unknown>[], append: async (row: Record<string, unknown>) => void messages.appended.push(row) };
  const wakeups = { wake: jest.fn(async () => undefined) };
  const noAgent = new NoAgentFallback(
    handovers as unknown as HandoverRepository,
    connections as unknown as ConnectionRepository,
    messages as unknown as MessageRepository,
    reader,
    endReports as unknown as HandoverEndReports,
    wakeups as unknown as DeliveryWakeups,
    metrics,
  );
  noAgent.clock = () => NOW;
  const job = (kind: EvaluateEndV1['kind'], extra: Partial<EvaluateEndV1> = {}): EvaluateEndV1 => ({
    v: 1,
    connectionId: 'c1',
    genesysConversationId: 'g1',
    path: 'eventbridge',
    kind,
    eventTime: at(2),
    ...extra,
  });
  const metric = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values ?? [];
  return {
    handover,
    handovers,
    client,
    endReports,
    enqueued,
    evaluation,
    noAgent,
    messages,
    wakeups,
    job,
    metric,
    setParticipants: (value: MessageMediaParticipant[]) => (participants = value),
  };
}

const customer = (extra: Partial<MessageMediaParticipant> = {}): MessageMediaParticipant => ({ id: 'cust', purpose: 'customer', state: 'connected', connectedTime: at(300), ...extra });
const agent = (id: string, extra: Partial<MessageMediaParticipant> = {}): MessageMediaParticipant => ({ id, purpose: 'agent', state: 'connected', startTime: at(100), connectedTime: at(100), ...extra });
const acd = (extra: Partial<MessageMediaParticipant> = {}): MessageMediaParticipant => ({ id: 'acd', purpose: 'acd', state: 'connected', ...extra });

describe('EndEvaluation', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('ends the handover once when Genesys shows the end: completed + reason, the agent-left notice first, lag and count metrics', async () => {
    const t = setup({ settings: { handoverNotices: { agentLeft: 'The agent left the chat' } } });
    t.setParticipants([customer({ state: 'disconnected', disconnectType: 'peer', endTime: at(5) }), agent('a1', { state: 'disconnected', disconnectType: 'client', endTime: at(5) })]);
    expect(await t.evaluation.evaluate(t.job('customer-end'), 'job-1')).toEqual({ outcome: 'ended', reason: 'agent-ended', endedNow: true });
    expect(t.endReports.ended).toEqual([
      { handoverId: 'h1', status: 'completed', reason: 'agent-ended', disconnectType: 'peer', notices: [{ key: 'agent-left', notice: 'agent-left', text: 'The agent left the chat' }] },
    ]);
    expect(t.client.getMessageConversation).toHaveBeenCalledWith('g1', { correlationId: 'job-1' });
    expect(t.handovers.noted).toEqual([['h1']]);
    expect(await t.metric('genesys_bridge_handovers_ended_total')).toEqual([expect.objectContaining({ value: 1, labels: { reason: 'agent-ended' } })]);
    // Lag from Genesys' end time (5 s ago), earlier than the signal (2 s ago).
    expect(await t.metric('genesys_bridge_handover_end_detection_lag_seconds')).toContainEqual(expect.objectContaining({ labels: { path: 'eventbridge' }, metricName: 'genesys_bridge_handover_end_detection_lag_seconds_sum', value: 5 }));

    // A second worker that read the same state: nothing more is written or counted.
    t.handover.status = 'active';
    t.endReports.endAndReport.mockResolvedValueOnce(false);
    expect(await t.evaluation.evaluate(t.job('acw'), 'job-2')).toEqual({ outcome: 'ended', reason: 'agent-ended', endedNow: false });
    expect(await t.metric('genesys_bridge_handovers_ended_total')).toEqual([expect.objectContaining({ value: 1 })]);
  });

  it('skips ended handovers and conversations that are not ours without asking Genesys; life signs only note the time', async () => {
    const t = setup();
    t.handovers.findByGenesysConversation.mockResolvedValueOnce({ ...t.handover, status: 'ended' });
    expect(await t.evaluation.evaluate(t.job('customer-end'), 'j')).toEqual({ outcome: 'already-ended' });
    expect(await t.evaluation.evaluate(t.job('customer-end', { genesysConversationId: 'other' }), 'j')).toEqual({ outcome: 'unknown-conversation' });
    expect(await t.evaluation.evaluate(t.job('user-start'), 'j')).toEqual({ outcome: 'noted' });
    expect(t.client.getMessageConversation).not.toHaveBeenCalled();
    expect(t.handovers.noted).toEqual([['h1']]);
  });

  it('relays the transfer notice once per transferred agent leg, only for the signals a transfer raises', async () => {
    const t = setup({ settings: { handoverNotices: { transfer: 'Transferring you to a colleague' } } });
    t.setParticipants([customer(), agent('a1', { state: 'disconnected', disconnectType: 'transfer', endTime: at(8) }), acd({ id: 'acd-2' })]);
    expect(await t.evaluation.evaluate(t.job('acw'), 'j')).toEqual({ outcome: 'transfer', notice: true });
    expect(await t.evaluation.evaluate(t.job('check', { path: 'backstop' }), 'j')).toEqual({ outcome: 'transfer', notice: false });
    expect(t.endReports.notices).toEqual([{ key: 'transfer#a1', notice: 'transfer', text: 'Transferring you to a colleague' }]);
    expect(t.endReports.ended).toEqual([]);
  });

  it('looks again when the agent just left (settling), and once more after a customer.end Genesys does not show yet; bounded', async () => {
    const t = setup();
    t.setParticipants([customer(), agent('a1', { state: 'disconnected', disconnectType: 'client', endTime: at(3) })]);
    expect(await t.evaluation.evaluate(t.job('user-end'), 'j')).toEqual({ outcome: 'settling', followUp: true });
    expect(t.enqueued).toEqual([{ job: t.job('user-end', { recheck: 1 }), delayMs: 7_000, window: `f${(NOW + 7_000) / 1000}` }]);

    t.setParticipants([customer(), agent('a1')]);
    expect(await t.evaluation.evaluate(t.job('customer-end'), 'j')).toEqual({ outcome: 'active', followUp: true });
    expect(await t.evaluation.evaluate(t.job('customer-end', { recheck: MAX_RECHECKS }), 'j')).toEqual({ outcome: 'active', followUp: false });
    expect(await t.evaluation.evaluate(t.job('check'), 'j')).toEqual({ outcome: 'active', followUp: false });
    expect(t.enqueued).toHaveLength(2);
  });

  it('waits for the rate budget instead of calling Genesys when it is spent', async () => {
    const t = setup({ budgetPoints: 1 });
    t.setParticipants([customer(), agent('a1')]);
    await t.evaluation.evaluate(t.job('check'), 'j');
    await expect(t.evaluation.evaluate(t.job('check'), 'j')).rejects.toBeInstanceOf(EvaluateLater);
    expect(t.client.getMessageConversation).toHaveBeenCalledTimes(1);
  });
});

describe('NoAgentFallback', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const check: NoAgentCheckV1 = { v: 1, connectionId: 'c1', handoverId: 'h1' };

  it('gives a handover nobody answered back to the bot (cancelled, no-agent) and disconnects it in Genesys through the outbox', async () => {
    const t = setup({ settings: { noAgentTimeoutMs: 60_000 } });
    t.setParticipants([customer(), acd()]);
    expect(await t.noAgent.check(check, 'j')).toEqual({ outcome: 'fallback', endedNow: true });
    expect(t.messages.appended).toEqual([
      { connectionId: 'c1', source: 'generic', providerMessageId: 'h1#end', direction: 'to-genesys', conversationKey: 'h1', kind: 'disconnect', payload: { reason: 'no-agent' } },
    ]);
    expect(t.endReports.ended).toEqual([{ handoverId: 'h1', status: 'cancelled', reason: 'no-agent', notices: [] }]);
    expect(t.wakeups.wake).toHaveBeenCalledWith('to-genesys', { v: 1, connectionId: 'c1', conversationKey: 'h1' });
    expect(await t.metric('genesys_bridge_handovers_ended_total')).toEqual([expect.objectContaining({ value: 1, labels: { reason: 'no-agent' } })]);
  });

  it('does nothing once an agent answered (also after a transfer), and reports a conversation Genesys closed before any agent', async () => {
    const answered = setup({ settings: { noAgentTimeoutMs: 60_000 } });
    answered.setParticipants([customer(), agent('a1', { state: 'disconnected', disconnectType: 'transfer', endTime: at(5) }), acd({ id: 'acd-2' })]);
    expect(await answered.noAgent.check(check, 'j')).toEqual({ outcome: 'answered' });
    expect(answered.messages.appended).toEqual([]);

    const closed = setup({ settings: { noAgentTimeoutMs: 60_000 } });
    closed.setParticipants([customer({ state: 'disconnected', disconnectType: 'peer', endTime: at(30) }), acd({ state: 'disconnected', disconnectType: 'client' })]);
    expect(await closed.noAgent.check(check, 'j')).toEqual({ outcome: 'ended-in-genesys' });
    expect(closed.endReports.ended).toEqual([{ handoverId: 'h1', status: 'cancelled', reason: 'not-routed', disconnectType: 'peer', notices: [] }]);
    expect(closed.messages.appended).toEqual([]);
  });

  it('skips when the fallback was turned off meanwhile, or the handover ended', async () => {
    const off = setup();
    expect(await off.noAgent.check(check, 'j')).toEqual({ outcome: 'skipped', why: 'noAgentTimeoutMs is off now' });
    const ended = setup({ settings: { noAgentTimeoutMs: 60_000 } });
    ended.handovers.findById.mockResolvedValueOnce({ ...ended.handover, status: 'ended' });
    expect(await ended.noAgent.check(check, 'j')).toEqual({ outcome: 'skipped', why: 'already ended' });
    expect(ended.client.getMessageConversation).not.toHaveBeenCalled();
  });
});
