import { buildParticipantData, PROFILE_ATTRIBUTE_NAMES } from './participant-data';
import { flattenMetadata } from './flatten-metadata';
import { utf8Length } from './truncate';

describe('buildParticipantData', () => {
  it('reports bytes as the UTF-8 size of every name plus value', () => {
    const result = buildParticipantData({ queueName: 'Q', genesysMetaData: { größe: '€' } });
    expect(result.attributes).toEqual({ QueueName: 'Q', größe: '€' });
    expect(result.bytes).toBe(Object.entries(result.attributes).reduce((sum, [key, value]) => sum + utf8Length(key) + utf8Length(value), 0));
    expect(result.bytes).toBe(9 + 1 + 7 + 3); // ö and ß take 2 bytes, € takes 3
  });

  it('selects the limits by channel: the byte budget applies to open-messaging and web-messaging only', () => {
    const genesysMetaData = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${String(i).padStart(2, '0')}`, 'v'.repeat(200)]));
    expect(Object.keys(buildParticipantData({ genesysMetaData }, { channel: 'bot-flow' }).attributes)).toHaveLength(20);
    for (const channel of ['open-messaging', 'web-messaging'] as const) {
      const result = buildParticipantData({ genesysMetaData }, { channel });
      expect(Object.keys(result.attributes)).toHaveLength(10); // 10 × (3 + 200) = 2030 ≤ 2048
      expect(result.bytes).toBe(2030);
      expect(result.dropped.map((entry) => entry.reason)).toEqual(Array(10).fill('maxTotalBytes'));
    }
  });

  it('names the source an explicit value replaced', () => {
    const { attributes, warnings } = buildParticipantData({
      sendProfile: true,
      profile: { email: 'profile@example.com' },
      genesysMetaData: { [PROFILE_ATTRIBUTE_NAMES.email]: 'meta@example.com' },
      customAttributes: { [PROFILE_ATTRIBUTE_NAMES.email]: 'custom@example.com' },
    });
    expect(attributes).toEqual({ 'customer.email': 'custom@example.com' });
    expect(warnings).toEqual([
      'the profile field "customer.email" replaces the value from GenesysMetaData',
      'customAttributes "customer.email" replaces the value from the profile field',
    ]);
  });

  it('ignores profile fields without sendProfile, and blank ones with it', () => {
    const profile = { firstName: 'Ada', nickname: ' ' };
    expect(buildParticipantData({ profile }).attributes).toEqual({});
    expect(buildParticipantData({ profile, sendProfile: true }).attributes).toEqual({ 'customer.firstName': 'Ada' });
  });

  it('sanitises customAttributes names like any other name', () => {
    const { attributes, warnings } = buildParticipantData({ customAttributes: { 'case\tid': 'C-1', 'order#': '7' } });
    expect(attributes).toEqual({ 'case id': 'C-1', order_: '7' });
    expect(warnings).toEqual(['name "case\\tid" sanitised to "case id"', 'name "order#" sanitised to "order_"']);
  });

  it('treats "__proto__" as an ordinary name', () => {
    const customAttributes = JSON.parse('{"__proto__":"x","ok":"y"}') as Record<string, string>;
    const { attributes } = buildParticipantData({ customAttributes });
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(attributes, 'ok')).toBe(true);
  });

  it('lists values it cannot hold as dropped', () => {
    const inner: Record<string, unknown> = { name: 'x' };
    inner['self'] = inner;
    const result = buildParticipantData({ genesysMetaData: { bad: Number.NaN, inner } });
    expect(result.attributes).toEqual({ 'inner.name': 'x' });
    expect(result.dropped).toEqual([
      { key: 'bad', reason: 'invalid-value' },
      { key: 'inner.self', reason: 'invalid-value' },
    ]);
  });
});

describe('flattenMetadata options', () => {
  it('joins nested keys with the configured separator', () => {
    expect(flattenMetadata({ a: { b: { c: 1 } }, list: [{ id: 2 }] }, { separator: ':' }).attributes).toEqual({ 'a:b:c': '1', 'list[0]:id': '2' });
  });

  it('joins arrays of plain values in joined mode: dates as ISO-8601, bigints as digits, non-finite numbers warned about', () => {
    const { attributes, warnings } = flattenMetadata(
      { list: [new Date('2025-01-02T03:04:05.000Z'), BigInt(7), Number.POSITIVE_INFINITY, undefined, 'z'], mixed: [1, { a: 2 }] },
      { arrays: 'joined', arrayJoiner: ' | ' },
    );
    expect(attributes).toEqual({ list: '2025-01-02T03:04:05.000Z | 7 | z', 'mixed[0]': '1', 'mixed[1].a': '2' });
    expect(warnings).toEqual(['item 2 of "list" is not a finite number; omitted']);
  });

  it('cuts names longer than maxKeyLength and lets the collision rule decide between names that meet', () => {
    const { attributes, warnings } = flattenMetadata({ abcdef: '1', abcdeg: '2' }, { maxKeyLength: 5 });
    expect(attributes).toEqual({ abcde: '1' });
    expect(warnings).toEqual([
      'name "abcdef" cut to 5 characters (maxKeyLength=5)',
      'name "abcdeg" cut to 5 characters (maxKeyLength=5)',
      'key collision on "abcde": kept path ["abcdef"], dropped path ["abcdeg"]',
    ]);
  });
});
