import { readCognigyControl } from './cognigy-control';

const read = (data: unknown, handoverIntents: string[] = []) => {
  const warnings: string[] = [];
  const control = readCognigyControl(data, new Set(handoverIntents), warnings, 'outputStack[0]');
  return { ...control, warnings };
};

describe('readCognigyControl', () => {
  it('rule 1: data.handover object', () => {
    expect(read({ handover: { QueueName: 'Q1', skills: ['s'], GenesysMetaData: '{"a":1}' } })).toEqual({
      handover: { queueName: 'Q1', skills: ['s'], metadata: { a: 1 } },
      intent: undefined,
      warnings: [],
    });
  });

  it('rule 2: data.parameters.command "handover", the other parameters route', () => {
    expect(read({ replymessages: [], parameters: { command: 'handover', queueName: 'Q2', priority: '2' } }).handover).toEqual({
      queueName: 'Q2',
      priority: 2,
    });
  });

  it('rule 3: a configured handover intent, routing from data.parameters', () => {
    expect(read({ intent: 'Escalate', parameters: { QueueName: 'Q3' } }, ['Escalate'])).toMatchObject({
      intent: 'Escalate',
      handover: { queueName: 'Q3' },
    });
    expect(read({ intent: 'Escalate' }, ['Escalate']).handover).toEqual({});
    expect(read({ intent: 'Escalate' }).handover).toBeUndefined();
  });

  it('rule 4: top-level GenesysMetaData or QueueName from an agent-transfer node', () => {
    expect(read({ GenesysMetaData: { vip: true } }).handover).toEqual({ metadata: { vip: true } });
    expect(read({ QueueName: 'Q4', language: 'fr' }).handover).toEqual({ queueName: 'Q4', language: 'fr' });
  });

  it('rule 5: command "end" ends the session', () => {
    expect(read({ parameters: { command: 'end' } })).toEqual({ intent: undefined, endSession: true, warnings: [] });
  });

  it('no signal: plain output data, rich content, nothing at all', () => {
    expect(read({ _cognigy: { _default: {} } }).handover).toBeUndefined();
    expect(read({ handover: 'yes please' }).handover).toBeUndefined();
    expect(read(undefined)).toEqual({ warnings: [] });
  });

  it('warns that Genesys-format replymessages are not converted', () => {
    expect(read({ replymessages: [{ type: 'Text', text: 'hi' }] }).warnings).toEqual([
      'outputStack[0]: Genesys-format replymessages are not converted; use text or _cognigy._default output',
    ]);
  });
});
