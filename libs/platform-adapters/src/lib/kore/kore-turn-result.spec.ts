import { koreTurnResult } from './kore-turn-result';

const TRANSFER_TASKS = new Set(['Agent Transfer', 'Talk to agent']);
const item = (val: unknown, type = 'text') => ({ type, val });

describe('koreTurnResult', () => {
  it('keeps the first agent_transfer and warns about later ones', () => {
    const result = koreTurnResult(
      {
        data: [item({ type: 'agent_transfer', payload: { QueueName: 'A' } }), item(JSON.stringify({ type: 'agent_transfer', payload: { QueueName: 'B' } }))],
        endOfTask: false,
      },
      TRANSFER_TASKS,
    );
    expect(result).toEqual({ outputs: [], handover: { queueName: 'A' }, warnings: ['data[1]: a second agent_transfer in one turn was ignored'] });
  });

  it('accepts an agent_transfer without a payload, or with the payload as a JSON string', () => {
    expect(koreTurnResult({ data: [item({ type: 'agent_transfer' })], endOfTask: false }, TRANSFER_TASKS).handover).toEqual({});
    expect(koreTurnResult({ data: [item({ type: 'agent_transfer', payload: '{"language":"es"}' })], endOfTask: false }, TRANSFER_TASKS).handover).toEqual({
      language: 'es',
    });
  });

  it('prefers the agent_transfer routing over a transfer task completing in the same turn', () => {
    const result = koreTurnResult({ data: [item({ type: 'agent_transfer', payload: { QueueName: 'A' } })], endOfTask: true, completedTaskName: 'Talk to agent' }, TRANSFER_TASKS);
    expect(result).toMatchObject({ handover: { queueName: 'A' }, intent: 'Talk to agent' });
  });

  it('takes the routing of a transfer task from a bare routing object of the turn, and does not show it', () => {
    const routing = JSON.stringify({ QueueName: 'Support', GenesysMetaData: '{"id":"E-7"}' });
    const result = koreTurnResult({ data: [item('Connecting you.'), item(routing)], endOfTask: true, completedTaskName: 'Agent Transfer' }, TRANSFER_TASKS);
    expect(result).toEqual({ outputs: [{ kind: 'text', text: 'Connecting you.' }], handover: { queueName: 'Support', metadata: { id: 'E-7' } }, intent: 'Agent Transfer', warnings: [] });
  });

  it('shows routing-like JSON when no transfer task ended', () => {
    const routing = { QueueName: 'Support' };
    const result = koreTurnResult({ data: [item(routing)], endOfTask: true, completedTaskName: 'Show Balance' }, TRANSFER_TASKS);
    expect(result.handover).toBeUndefined();
    expect(result.outputs).toHaveLength(1);
  });

  it('ends the session on a SESSION_CLOSURE event item, which is not shown', () => {
    const result = koreTurnResult({ data: [item('Goodbye'), item('SESSION_CLOSURE', 'event')], endOfTask: true, completedTaskName: 'Close' }, TRANSFER_TASKS);
    expect(result).toEqual({ outputs: [{ kind: 'text', text: 'Goodbye' }], endSession: true, intent: 'Close', warnings: [] });
  });

  it('does not mistake other JSON for a transfer', () => {
    const result = koreTurnResult({ data: [item('{"type":"agent_transferx"}'), item({ text: 'hi' })], endOfTask: false }, TRANSFER_TASKS);
    expect(result.handover).toBeUndefined();
    expect(result.outputs).toContainEqual({ kind: 'text', text: 'hi' });
  });
});
