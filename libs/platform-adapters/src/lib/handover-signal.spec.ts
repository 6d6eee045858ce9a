import { parseHandoverPayload } from './handover-signal';

describe('parseHandoverPayload', () => {
  it('reads every routing field, GenesysMetaData as an object', () => {
    const warnings: string[] = [];
    const handover = parseHandoverPayload(
      { QueueName: 'Billing', skills: ['billing', 'german'], language: 'de', priority: 5, GenesysMetaData: { plan: 'gold', n: 2 }, reason: 'asked' },
      warnings,
      'test',
    );
    expect(handover).toEqual({ queueName: 'Billing', skills: ['billing', 'german'], language: 'de', priority: 5, metadata: { plan: 'gold', n: 2 }, reason: 'asked' });
    expect(warnings).toEqual([]);
  });

  it('accepts queueName, comma-separated skills, a numeric-string priority and GenesysMetaData as a JSON string', () => {
    const handover = parseHandoverPayload(
      { queueName: ' Support ', skills: 'a, b ,,c', priority: '3', GenesysMetaData: '{"caseId":"C-1"}' },
      [],
      'test',
    );
    expect(handover).toEqual({ queueName: 'Support', skills: ['a', 'b', 'c'], priority: 3, metadata: { caseId: 'C-1' } });
  });

  it('returns an empty request for an empty payload (routing falls back to the connection defaults)', () => {
    expect(parseHandoverPayload({}, [], 'test')).toEqual({});
  });

  it('drops unusable fields with a warning naming the source, but keeps the handover', () => {
    const warnings: string[] = [];
    const handover = parseHandoverPayload(
      { QueueName: 'Q', skills: 7, priority: 'high', GenesysMetaData: '[1,2]', language: 42 },
      warnings,
      'outputStack[3]',
    );
    expect(handover).toEqual({ queueName: 'Q' });
    expect(warnings).toEqual([
      'outputStack[3]: handover skills must be an array of strings or a comma-separated string; ignored',
      'outputStack[3]: handover priority is not a number; ignored',
      'outputStack[3]: GenesysMetaData is neither an object nor a JSON object string; ignored',
    ]);
  });

  it('keeps the string skills of a mixed array and says so', () => {
    const warnings: string[] = [];
    expect(parseHandoverPayload({ skills: ['x', 3, ''] }, warnings, 's')).toEqual({ skills: ['x'] });
    expect(warnings).toEqual(['s: handover skills that are not strings were ignored']);
  });
});
