import { buildHandoverParameters } from './handover-parameters';

describe('buildHandoverParameters', () => {
  it('maps the routing fields and flattened metadata into one flat string map', () => {
    const { attributes, warnings } = buildHandoverParameters({
      queueName: ' Sales EN ',
      skills: ['billing', ' ', 'german'],
      language: 'de',
      priority: 5,
      metadata: { customer: { tier: 'gold', id: 42 } },
    });
    expect(attributes).toEqual({
      QueueName: 'Sales EN',
      Skills: 'billing,german',
      Language: 'de',
      Priority: '5',
      'customer.id': '42',
      'customer.tier': 'gold',
    });
    expect(Object.keys(attributes).slice(0, 4)).toEqual(['QueueName', 'Skills', 'Language', 'Priority']);
    expect(warnings).toEqual([]);
  });

  it('omits blank or missing routing fields', () => {
    expect(buildHandoverParameters({ queueName: '  ', skills: [], language: undefined })).toEqual({ attributes: {}, warnings: [] });
  });

  it('rounds and clamps the priority to the Transfer to ACD range, and drops non-finite ones', () => {
    expect(buildHandoverParameters({ priority: 2.6 })).toEqual({ attributes: { Priority: '3' }, warnings: ['priority 2.6 sent as 3'] });
    expect(buildHandoverParameters({ priority: 1e9 }).attributes).toEqual({ Priority: '25000000' });
    expect(buildHandoverParameters({ priority: -1e9 }).attributes).toEqual({ Priority: '-25000000' });
    expect(buildHandoverParameters({ priority: Number.POSITIVE_INFINITY })).toEqual({
      attributes: {},
      warnings: ['priority Infinity is not a finite number; omitted'],
    });
  });

  it('warns about a skill name that contains the separator', () => {
    expect(buildHandoverParameters({ skills: ['a,b', 'c'] })).toEqual({
      attributes: { Skills: 'a,b,c' },
      warnings: ['skill "a,b" contains "," and will read as several skills'],
    });
  });

  it('lets an explicit routing field win over the same key in metadata, and keeps metadata routing keys otherwise', () => {
    const { attributes, warnings } = buildHandoverParameters({
      queueName: 'Support',
      metadata: JSON.stringify({ QueueName: 'Sales', Language: 'fr', Department: 'HR' }),
    });
    expect(attributes).toEqual({ QueueName: 'Support', Language: 'fr', Department: 'HR' });
    expect(warnings).toEqual(['metadata "QueueName" replaced by the handover\'s routing value']);
    expect(buildHandoverParameters({ queueName: 'Sales', metadata: { QueueName: 'Sales' } }).warnings).toEqual([]);
  });

  it('always keeps the routing keys when metadata fills the attribute limit', () => {
    const metadata = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`m${String(i).padStart(2, '0')}`, 'v']));
    const { attributes, warnings } = buildHandoverParameters(
      { queueName: 'Q', skills: ['s'], language: 'en', priority: 1, metadata },
      { maxAttributes: 10 },
    );
    expect(Object.keys(attributes)).toEqual(['QueueName', 'Skills', 'Language', 'Priority', 'm00', 'm01', 'm02', 'm03', 'm04', 'm05']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^dropped 54 attribute\(s\) beyond maxAttributes=10: "m06", .*"m59"$/);
  });

  it('applies the value limit to routing values too', () => {
    const { attributes, warnings } = buildHandoverParameters({ queueName: 'Q'.repeat(300) });
    expect(attributes['QueueName']).toHaveLength(256);
    expect(warnings).toEqual(['value of "QueueName" cut from 300 to 256 characters (maxValueLength=256)']);
  });
});
