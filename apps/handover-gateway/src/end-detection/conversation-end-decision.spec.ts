import type { MessageMediaParticipant } from '@genesys-bridge/genesys-client';
import { decideConversationEnd, endObservedAt, reasonFor } from './conversation-end-decision';

const NOW = new Date('2025-06-01T10:00:00.000Z');
const at = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1_000).toISOString();
const context = { now: NOW, settleMs: 10_000 };

const customer = (extra: Partial<MessageMediaParticipant> = {}): MessageMediaParticipant => ({ id: 'customer', purpose: 'customer', state: 'connected', startTime: at(300), connectedTime: at(300), ...extra });
const acd = (extra: Partial<MessageMediaParticipant> = {}): MessageMediaParticipant => ({ id: 'acd', purpose: 'acd', state: 'connected', queue: { id: 'q1' }, startTime: at(300), ...extra });
const agent = (id: string, extra: Partial<MessageMediaParticipant> = {}): MessageMediaParticipant => ({ id, purpose: 'agent', state: 'connected', startTime: at(200), connectedTime: at(200), ...extra });
const gone = (secondsAgo: number, disconnectType: string) => ({ state: 'disconnected', endTime: at(secondsAgo), disconnectType });

describe('decideConversationEnd', () => {
  it('ends when the agent ended the conversation: customer disconnected by its peer → completed, agent-ended', () => {
    expect(decideConversationEnd([customer(gone(3, 'peer')), acd(gone(200, 'transfer')), agent('a1', gone(3, 'client'))], context)).toEqual({
      outcome: 'ended',
      status: 'completed',
      reason: 'agent-ended',
      disconnectType: 'peer',
      endedAt: new Date(at(3)),
    });
  });

  it('ends when the customer left, with the reason from its disconnectType', () => {
    expect(decideConversationEnd([customer(gone(1, 'client')), agent('a1', gone(1, 'peer'))], context)).toMatchObject({ outcome: 'ended', status: 'completed', reason: 'customer-disconnected' });
    expect(decideConversationEnd([customer(gone(1, 'timeout')), agent('a1', gone(1, 'peer'))], context)).toMatchObject({ outcome: 'ended', reason: 'timeout', disconnectType: 'timeout' });
  });

  it('cancels when the conversation ended before any agent answered (a flow closed it, the customer gave up)', () => {
    expect(decideConversationEnd([customer(gone(5, 'peer')), acd(gone(5, 'client'))], context)).toMatchObject({ outcome: 'ended', status: 'cancelled', reason: 'not-routed' });
    expect(decideConversationEnd([customer(gone(5, 'client')), acd(gone(5, 'peer'))], context)).toMatchObject({ outcome: 'ended', status: 'cancelled', reason: 'customer-disconnected' });
    // An agent who was only offered the conversation (alerting) never answered.
    const alerted = agent('a1', { ...gone(6, 'transfer.noanswer'), connectedTime: undefined });
    expect(decideConversationEnd([customer(gone(5, 'peer')), alerted], context)).toMatchObject({ status: 'cancelled' });
  });

  it('ends when every participant disconnected, even without a customer participant', () => {
    expect(decideConversationEnd([agent('a1', gone(2, 'client')), acd(gone(100, 'transfer'))], context)).toMatchObject({ outcome: 'ended', status: 'completed', reason: 'conversation-ended' });
  });

  it('is active while an agent is connected', () => {
    expect(decideConversationEnd([customer(), acd(gone(200, 'transfer')), agent('a1')], context)).toEqual({ outcome: 'active' });
  });

  it('waits while the conversation is queued, an agent is alerting, or a flow holds it, before any agent answered', () => {
    expect(decideConversationEnd([customer(), acd()], context)).toEqual({ outcome: 'waiting' });
    expect(decideConversationEnd([customer(), acd(gone(5, 'transfer')), agent('a1', { state: 'alerting', connectedTime: undefined })], context)).toEqual({ outcome: 'waiting' });
    expect(decideConversationEnd([customer(), { id: 'flow', purpose: 'workflow', state: 'connected' }], context)).toEqual({ outcome: 'waiting' });
    expect(decideConversationEnd([customer()], context)).toEqual({ outcome: 'waiting' });
  });

  it('sees a transfer to a queue: the agent leg ended (after-call work) and the conversation is queued again', () => {
    const participants = [customer(), acd(gone(200, 'transfer')), agent('a1', gone(4, 'transfer')), acd({ id: 'acd-2', startTime: at(4) })];
    expect(decideConversationEnd(participants, context)).toEqual({ outcome: 'transfer', to: 'queue', transferKey: 'a1' });
  });

  it('sees a transfer to another agent, alerting or already connected, keyed by the transferred agent leg', () => {
    const alerting = [customer(), agent('a1', gone(4, 'transfer')), agent('a2', { state: 'alerting', startTime: at(4), connectedTime: undefined })];
    expect(decideConversationEnd(alerting, context)).toEqual({ outcome: 'transfer', to: 'agent', transferKey: 'a1' });
    const connected = [customer(), acd(gone(60, 'transfer')), agent('a1', gone(30, 'transfer')), acd({ id: 'acd-2', ...gone(20, 'transfer') }), agent('a2', { startTime: at(20), connectedTime: at(20) })];
    expect(decideConversationEnd(connected, context)).toEqual({ outcome: 'transfer', to: 'agent', transferKey: 'a1' });
  });

  it('lets a conversation whose agent left settle for the debounce, then ends it (agent-ended) if nobody took over', () => {
    const justLeft = [customer(), agent('a1', gone(3, 'client'))];
    expect(decideConversationEnd(justLeft, context)).toEqual({ outcome: 'settling', until: new Date(NOW.getTime() + 7_000) });
    const leftLongAgo = [customer(), agent('a1', gone(11, 'client'))];
    expect(decideConversationEnd(leftLongAgo, context)).toEqual({ outcome: 'ended', status: 'completed', reason: 'agent-ended', endedAt: new Date(at(11)) });
  });

  it('keeps waiting when the last agent leg ended by a transfer whose target has not shown yet', () => {
    expect(decideConversationEnd([customer(), agent('a1', gone(60, 'transfer'))], context)).toEqual({ outcome: 'waiting' });
  });

  it('never ends on events alone: an ended agent leg next to a connected customer and a queue is a transfer, not an end', () => {
    const decision = decideConversationEnd([customer(), agent('a1', gone(1, 'client')), acd({ id: 'acd-2' })], context);
    expect(decision.outcome).toBe('transfer');
  });
});

describe('reasonFor', () => {
  it.each([
    ['peer', true, 'agent-ended'],
    ['peer', false, 'not-routed'],
    ['client', true, 'customer-disconnected'],
    ['endpoint', false, 'customer-disconnected'],
    ['system', true, 'system-ended'],
    ['transport.failure', true, 'error'],
    ['spam', false, 'spam'],
    ['transfer.forward', true, 'transferred-out'],
    [undefined, true, 'conversation-ended'],
    ['something-new', false, 'not-routed'],
  ] as const)('%s (agent answered: %s) → %s', (disconnectType, answered, reason) => {
    expect(reasonFor(disconnectType, answered)).toBe(reason);
  });
});

describe('endObservedAt', () => {
  it('measures from the earlier of the signal and Genesys’ own end time', () => {
    const ended = { outcome: 'ended' as const, status: 'completed' as const, reason: 'agent-ended' as const, endedAt: new Date(at(90)) };
    expect(endObservedAt(NOW, ended)).toEqual(new Date(at(90)));
    expect(endObservedAt(new Date(at(100)), ended)).toEqual(new Date(at(100)));
    expect(endObservedAt(NOW, { ...ended, endedAt: undefined })).toEqual(NOW);
  });
});
