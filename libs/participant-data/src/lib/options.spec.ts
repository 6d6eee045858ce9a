import { PARTICIPANT_DATA_CHANNELS } from './channels';
import { routingKeyLookAlike, sanitiseSegment } from './keys';
import { type ParticipantDataOptions, resolveParticipantDataOptions } from './limits';

describe('channel profiles', () => {
  it('carry the reference numbers: bot-flow 50 × 256 (no byte budget); Open and Web Messaging add 2048 bytes', () => {
    expect(PARTICIPANT_DATA_CHANNELS).toEqual({
      'bot-flow': { maxAttributes: 50, maxValueLength: 256 },
      'open-messaging': { maxAttributes: 50, maxValueLength: 256, maxTotalBytes: 2048 },
      'web-messaging': { maxAttributes: 50, maxValueLength: 256, maxTotalBytes: 2048 },
    });
    expect(Object.isFrozen(PARTICIPANT_DATA_CHANNELS['web-messaging'])).toBe(true);
  });

  it('are selected by name; single limits override them; bot-flow is the default', () => {
    expect(resolveParticipantDataOptions()).toEqual({
      channel: 'bot-flow',
      maxAttributes: 50,
      maxValueLength: 256,
      maxTotalBytes: undefined,
      separator: '.',
      arrays: 'indexed',
      arrayJoiner: ',',
      maxKeyLength: 256,
    });
    expect(resolveParticipantDataOptions({ channel: 'web-messaging' }).maxTotalBytes).toBe(2048);
    expect(resolveParticipantDataOptions({ channel: 'web-messaging', maxTotalBytes: 4096, maxAttributes: 10 })).toMatchObject({ maxTotalBytes: 4096, maxAttributes: 10, maxValueLength: 256 });
  });
});

describe('resolveParticipantDataOptions', () => {
  it.each<[string, ParticipantDataOptions]>([
    ['an unknown channel', { channel: 'sms' as never }],
    ['fewer attribute slots than routing keys', { maxAttributes: 3 }],
    ['a zero value length', { maxValueLength: 0 }],
    ['a fractional byte budget', { maxTotalBytes: 1.5 }],
    ['a zero key length', { maxKeyLength: 0 }],
    ['an empty separator', { separator: '' }],
    ['a separator sanitising would replace', { separator: '|' }],
    ['a separator longer than three characters', { separator: '....' }],
    ['an unknown array mode', { arrays: 'flat' as never }],
    ['an empty joiner', { arrayJoiner: '' }],
    ['a control character as joiner', { arrayJoiner: '\n' }],
  ])('rejects %s with a RangeError', (_name, options) => {
    expect(() => resolveParticipantDataOptions(options)).toThrow(RangeError);
  });

  it('accepts the separators a sanitised name keeps', () => {
    for (const separator of ['.', '_', '-', ':', '/', '__', '::']) expect(resolveParticipantDataOptions({ separator }).separator).toBe(separator);
  });
});

describe('sanitiseSegment', () => {
  it('keeps letters and digits of any script, marks, spaces and _ . - : / [ ]', () => {
    for (const name of ['customerId', 'Account Balance', 'größe', '名前', 'क्षेत्र', 'a.b-c_d:e/f', 'list[0]', 'x2']) expect(sanitiseSegment(name)).toBe(name);
  });

  it('collapses whitespace runs to one space, trims, and turns anything else into _', () => {
    expect(sanitiseSegment('  first\t\tname\u00a0x ')).toBe('first name x');
    expect(sanitiseSegment('line\nbreak\r\n')).toBe('line break');
    expect(sanitiseSegment('"quoted"')).toBe('_quoted_');
    expect(sanitiseSegment('{{template}}')).toBe('__template__');
    expect(sanitiseSegment('$ref#1@x')).toBe('_ref_1_x');
    expect(sanitiseSegment('zero\u200bwidth')).toBe('zero_width');
    expect(sanitiseSegment('nul\u0000')).toBe('nul_');
    expect(sanitiseSegment('👍🏽')).toBe('__'); // two code points, each one _
    expect(sanitiseSegment(' \t ')).toBe('');
  });
});

describe('routingKeyLookAlike', () => {
  it('names the routing key a name differs from only in case', () => {
    expect(routingKeyLookAlike('queuename')).toBe('QueueName');
    expect(routingKeyLookAlike('PRIORITY')).toBe('Priority');
    expect(routingKeyLookAlike('QueueName')).toBeUndefined();
    expect(routingKeyLookAlike('Queue Name')).toBeUndefined();
  });
});
