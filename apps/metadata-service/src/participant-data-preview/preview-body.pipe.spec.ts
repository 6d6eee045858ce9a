import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import type { FieldProblem } from '@genesys-bridge/service-runtime';
import { ParticipantDataPreviewDto } from './participant-data-preview.dto';
import { previewParticipantData } from './participant-data-preview';
import { PreviewBodyPipe } from './preview-body.pipe';
import { MAX_PREVIEW_VALUE_LENGTH, MAX_PREVIEW_VALUES, MAX_REPORTED_PROBLEMS } from './preview-input-problems';

const pipe = new PreviewBodyPipe();

async function errors(body: unknown): Promise<FieldProblem[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: ParticipantDataPreviewDto });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { errors: FieldProblem[] }).errors;
  }
}

const paths = async (body: unknown) => (await errors(body)).map((problem) => problem.path);

describe('preview body', () => {
  it('accepts a full body, the metadata as an object or a JSON string', async () => {
    const full = {
      channel: 'open-messaging',
      genesysMetaData: { customer: { tier: 'gold', 'odd"name': 1 }, tags: ['a'] },
      queueName: 'Support',
      skills: ['billing'],
      language: 'en-us',
      priority: 5,
      customAttributes: { caseId: 'C-1' },
      profile: { firstName: 'Ada', email: 'ada@example.com' },
      sendProfile: true,
      separator: '_',
      arrays: 'joined',
    };
    expect(await errors(full)).toEqual([]);
    expect(await errors({ channel: 'bot-flow', genesysMetaData: '{"a":{"b":1}}' })).toEqual([]);
    expect(await errors({ channel: 'bot-flow', genesysMetaData: '' })).toEqual([]);
  });

  it('refuses a missing or unknown channel, unknown fields and bad option values, by path', async () => {
    expect(await paths({})).toEqual(['channel']);
    const found = await paths({ channel: 'sms', extra: 1, separator: '|', arrays: 'flat', profile: { email: 'nope', age: 3 } });
    expect(found.sort()).toEqual(['arrays', 'channel', 'extra', 'profile.age', 'profile.email', 'separator']);
  });

  it('refuses metadata that is not an object, and a JSON string that does not hold one', async () => {
    for (const genesysMetaData of [7, true, ['a'], 'not json', '[1,2]', '"text"', 'null']) {
      expect(await errors({ channel: 'bot-flow', genesysMetaData })).toEqual([
        { path: 'genesysMetaData', problems: ['genesysMetaData must be a JSON object or a string holding one'] },
      ]);
    }
  });

  it('names invalid names and huge values inside the metadata by their path, also inside a JSON string', async () => {
    const metadata = { customer: { 'first\nname': 'x', ' ': 'blank', ['k'.repeat(257)]: 'long' }, orders: [{ note: 'n'.repeat(MAX_PREVIEW_VALUE_LENGTH + 1) }] };
    const expected = [
      { path: 'genesysMetaData.customer["first\\nname"]', problems: ['name must not contain control characters'] },
      { path: 'genesysMetaData.customer[" "]', problems: ['name must not be empty or blank'] },
      { path: `genesysMetaData.customer.${'k'.repeat(257)}`, problems: ['name must be at most 256 characters'] },
      { path: 'genesysMetaData.orders.0.note', problems: [`value must be at most ${MAX_PREVIEW_VALUE_LENGTH} characters`] },
    ];
    expect(await errors({ channel: 'bot-flow', genesysMetaData: metadata })).toEqual(expected);
    expect(await errors({ channel: 'bot-flow', genesysMetaData: JSON.stringify(metadata) })).toEqual(expected);
  });

  it('refuses too many values and JSON-string metadata nested too deep', async () => {
    const many = Object.fromEntries(Array.from({ length: MAX_PREVIEW_VALUES + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(await errors({ channel: 'bot-flow', genesysMetaData: many })).toEqual([{ path: 'genesysMetaData', problems: [`holds more than ${MAX_PREVIEW_VALUES} values`] }]);
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const [problem] = await errors({ channel: 'bot-flow', genesysMetaData: deep });
    expect(problem).toEqual({ path: `genesysMetaData${'.a'.repeat(32)}`, problems: ['nested deeper than 32 levels'] });
  });

  it('checks customAttributes name by name: non-string values, invalid names, huge values; reports with the other fields', async () => {
    expect(await errors({ channel: 'web-messaging', priority: 'high', customAttributes: { ok: 'v', n: 1, '': 'x', big: 'b'.repeat(MAX_PREVIEW_VALUE_LENGTH + 1) } })).toEqual([
      { path: 'priority', problems: ['priority must be a number conforming to the specified constraints'] },
      { path: 'customAttributes.n', problems: ['must be a string'] },
      { path: 'customAttributes[""]', problems: ['name must not be empty or blank'] },
      { path: 'customAttributes.big', problems: [`value must be at most ${MAX_PREVIEW_VALUE_LENGTH} characters`] },
    ]);
  });

  it('reports at most the first problems', async () => {
    const customAttributes = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`bad\u0001${i}`, 'v']));
    expect(await errors({ channel: 'bot-flow', customAttributes })).toHaveLength(MAX_REPORTED_PROBLEMS);
  });
});

describe('previewParticipantData', () => {
  it('answers the channel, its limits and the library result', () => {
    const preview = previewParticipantData({ channel: 'web-messaging', queueName: 'Q', genesysMetaData: { a: { b: 1 } }, separator: '/' });
    expect(preview).toEqual({
      channel: 'web-messaging',
      limits: { maxAttributes: 50, maxValueLength: 256, maxTotalBytes: 2048 },
      attributes: { QueueName: 'Q', 'a/b': '1' },
      warnings: [],
      dropped: [],
      truncated: [],
      bytes: 14,
    });
    expect(previewParticipantData({ channel: 'bot-flow' }).limits).toEqual({ maxAttributes: 50, maxValueLength: 256 });
  });
});
