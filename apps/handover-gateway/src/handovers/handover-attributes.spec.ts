import { buildParticipantData, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_VALUE_LENGTH } from '@genesys-bridge/participant-data';
import { buildHandoverAttributes } from './handover-attributes';

describe('buildHandoverAttributes', () => {
  it('puts the routing keys first, then the flattened GenesysMetaData and customAttributes', () => {
    const { attributes, warnings } = buildHandoverAttributes({
      queueName: ' Support ',
      skills: ['billing', ' ', 'french'],
      language: 'fr-fr',
      priority: 4.6,
      genesysMetaData: { customer: { tier: 'gold', id: 42 }, orders: [{ id: 'o-1' }], vip: true },
      customAttributes: { caseId: 'C-9' },
    });
    expect(attributes).toEqual({
      QueueName: 'Support',
      Skills: 'billing,french',
      Language: 'fr-fr',
      Priority: '5',
      caseId: 'C-9',
      vip: 'true',
      'customer.id': '42',
      'customer.tier': 'gold',
      'orders[0].id': 'o-1',
    });
    expect(Object.keys(attributes).slice(0, 4)).toEqual(['QueueName', 'Skills', 'Language', 'Priority']);
    expect(warnings).toEqual(['priority 4.6 sent as 5']);
  });

  it('reads GenesysMetaData given as a JSON string exactly like the object', () => {
    const metadata = { customer: { tier: 'gold' }, QueueName: 'FromMeta' };
    expect(buildHandoverAttributes({ genesysMetaData: JSON.stringify(metadata) })).toEqual(buildHandoverAttributes({ genesysMetaData: metadata }));
    expect(buildHandoverAttributes({ genesysMetaData: JSON.stringify(metadata) }).attributes).toEqual({ QueueName: 'FromMeta', 'customer.tier': 'gold' });
  });

  it('ignores GenesysMetaData that is not a JSON object, with a warning, and an empty string silently', () => {
    expect(buildHandoverAttributes({ genesysMetaData: 'not json', queueName: 'Q' })).toEqual({ attributes: { QueueName: 'Q' }, warnings: ['GenesysMetaData is a string but not JSON; ignored'] });
    expect(buildHandoverAttributes({ genesysMetaData: '[1,2]' }).warnings).toEqual(['GenesysMetaData must be a JSON object, got an array; ignored']);
    expect(buildHandoverAttributes({ genesysMetaData: '' })).toEqual({ attributes: {}, warnings: [] });
  });

  it('lets a routing field beat customAttributes and metadata, and customAttributes beat the metadata, saying so', () => {
    const { attributes, warnings } = buildHandoverAttributes({
      queueName: 'Explicit',
      genesysMetaData: { QueueName: 'Meta', tier: 'silver', a: { b: 'nested' } },
      customAttributes: { QueueName: 'Custom', tier: 'gold', 'a.b': 'literal', Language: 'de' },
    });
    expect(attributes).toEqual({ QueueName: 'Explicit', Language: 'de', 'a.b': 'literal', tier: 'gold' });
    expect(warnings).toEqual(
      expect.arrayContaining([
        'customAttributes "QueueName" replaces the value from GenesysMetaData',
        'customAttributes "tier" replaces the value from GenesysMetaData',
        'metadata "QueueName" replaced by the handover\'s routing value',
      ]),
    );
    expect(warnings.some((warning) => warning.startsWith('key collision on "a.b"'))).toBe(true);
  });

  it('adds the profile fields only with sendProfile, below customAttributes', () => {
    const customer = { firstName: ' Ada ', lastName: 'Lovelace', nickname: '', email: 'ada@example.com' };
    expect(buildHandoverAttributes({ customer }).attributes).toEqual({});
    const { attributes } = buildHandoverAttributes({ customer, sendProfile: true, customAttributes: { 'customer.email': 'override@example.com' } });
    expect(attributes).toEqual({ 'customer.firstName': 'Ada', 'customer.lastName': 'Lovelace', 'customer.email': 'override@example.com' });
  });

  it('enforces the participant-data limits over the merged map, keeping the routing keys', () => {
    const customAttributes = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'v']));
    const { attributes, warnings } = buildHandoverAttributes({
      queueName: 'Q',
      customAttributes,
      genesysMetaData: { aLong: 'x'.repeat(DEFAULT_MAX_VALUE_LENGTH + 10) },
    });
    expect(Object.keys(attributes)).toHaveLength(DEFAULT_MAX_ATTRIBUTES);
    expect(attributes.QueueName).toBe('Q');
    expect(attributes.aLong).toHaveLength(DEFAULT_MAX_VALUE_LENGTH);
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dropped 12 attribute\(s\) beyond maxAttributes=50/), expect.stringMatching(/^value of "aLong" cut from 266 to 256/)]),
    );
    expect(buildHandoverAttributes({ customAttributes: { a: 'x', b: 'y' } }, { maxAttributes: 4, maxTotalBytes: 2 }).attributes).toEqual({ a: 'x' });
  });

  it('applies the open-messaging limits, 2048 bytes included, exactly as the metadata service previews them', () => {
    const customAttributes = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`note${String(i).padStart(2, '0')}`, '€'.repeat(60)]));
    const input = { queueName: 'Q', customAttributes };
    const { attributes, warnings } = buildHandoverAttributes(input);
    expect(Object.keys(attributes)).toHaveLength(11); // QueueName + 10 × (6 + 180 bytes)
    expect(warnings).toEqual(['dropped 2 attribute(s) beyond maxTotalBytes=2048: "note10", "note11"']);
    const preview = buildParticipantData({ ...input }, { channel: 'open-messaging' });
    expect({ attributes: preview.attributes, warnings: preview.warnings }).toEqual({ attributes, warnings });
  });

  it('treats "__proto__" as an ordinary name', () => {
    const customAttributes = JSON.parse('{"__proto__":"x","ok":"y"}') as Record<string, string>;
    const { attributes } = buildHandoverAttributes({ customAttributes });
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(attributes, 'ok')).toBe(true);
  });
});
