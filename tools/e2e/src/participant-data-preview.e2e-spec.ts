import { type AppStack, startAppStack } from './support/app-stack';

/**
 * `POST /participant-data/preview` of the metadata service, over real HTTP against the built HTTP process (no worker:
 * the preview touches no queue): the full mapping, each channel's limits, bad input answered with field paths, and
 * the admin API key.
 */

const ADMIN_KEY = 'preview-e2e-bootstrap-key-0123456789-abcdef';

interface Preview {
  channel: string;
  limits: { maxAttributes: number; maxValueLength: number; maxTotalBytes?: number };
  attributes: Record<string, string>;
  warnings: string[];
  dropped: { key: string; reason: string; value?: string }[];
  truncated: { key: string; from: number; to: number }[];
  bytes: number;
}

interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: { path: string; problems: string[] }[];
}

describe('participant-data preview (metadata-service process)', () => {
  let stack: AppStack;

  beforeAll(async () => {
    stack = await startAppStack('metadata-service', { ADMIN_BOOTSTRAP_KEY: ADMIN_KEY }, { worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function preview(body: unknown, headers: Record<string, string> = { 'x-api-key': ADMIN_KEY }) {
    return fetch(`${stack.url}/participant-data/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function ok(body: unknown): Promise<Preview> {
    const response = await preview(body);
    expect(response.status).toBe(200);
    return (await response.json()) as Preview;
  }

  it('answers 401 without an API key or with a wrong one, before looking at the body', async () => {
    for (const headers of <Record<string, string>[]>[{}, { 'x-api-key': 'wrong-key-0123456789-0123456789' }, { authorization: 'Bearer nope' }]) {
      const response = await preview({ channel: 'bot-flow' }, headers);
      expect(response.status).toBe(401);
    }
    expect((await preview({ channel: 'sms' }, {})).status).toBe(401);
  });

  it('shows a full handover the way the handover gateway sends it (open-messaging), in priority order', async () => {
    const result = await ok({
      channel: 'open-messaging',
      queueName: ' Billing ',
      skills: ['billing', 'english'],
      language: 'en-us',
      priority: 5.4,
      genesysMetaData: JSON.stringify({ customer: { tier: 'gold', accountId: 42 }, intent: 'refund', QueueName: 'FromMeta', tags: ['vip', 'late'] }),
      customAttributes: { caseId: 'C-123', 'case "note"': 'sanitised name' },
      profile: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      sendProfile: true,
    });
    expect(result.channel).toBe('open-messaging');
    expect(result.limits).toEqual({ maxAttributes: 50, maxValueLength: 256, maxTotalBytes: 2048 });
    expect(Object.entries(result.attributes)).toEqual([
      ['QueueName', 'Billing'],
      ['Skills', 'billing,english'],
      ['Language', 'en-us'],
      ['Priority', '5'],
      ['case _note_', 'sanitised name'],
      ['caseId', 'C-123'],
      ['customer.email', 'ada@example.com'],
      ['customer.firstName', 'Ada'],
      ['customer.lastName', 'Lovelace'],
      ['intent', 'refund'],
      ['customer.accountId', '42'],
      ['customer.tier', 'gold'],
      ['tags[0]', 'vip'],
      ['tags[1]', 'late'],
    ]);
    expect(result.warnings).toEqual([
      'priority 5.4 sent as 5',
      'name "case \\"note\\"" sanitised to "case _note_"',
      'metadata "QueueName" replaced by the handover\'s routing value',
    ]);
    expect(result.dropped).toEqual([{ key: 'QueueName', reason: 'overridden', value: 'FromMeta' }]);
    expect(result.bytes).toBe(Object.entries(result.attributes).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0));
  });

  it('takes the separator and joined arrays', async () => {
    const result = await ok({ channel: 'bot-flow', genesysMetaData: { customer: { tier: 'gold' }, tags: ['vip', 'late'] }, separator: '_', arrays: 'joined' });
    expect(result.attributes).toEqual({ tags: 'vip,late', customer_tier: 'gold' });
  });

  it('bot-flow: keeps 50 attributes, routing keys first, and cuts values to 256 characters; no byte budget', async () => {
    const genesysMetaData = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i === 0 ? 'x'.repeat(300) : 'v'.repeat(100)]));
    const result = await ok({ channel: 'bot-flow', queueName: 'Q', genesysMetaData });
    expect(result.limits).toEqual({ maxAttributes: 50, maxValueLength: 256 });
    const keys = Object.keys(result.attributes);
    expect(keys).toHaveLength(50);
    expect(keys.slice(0, 2)).toEqual(['QueueName', 'k00']);
    expect(result.attributes['k00']).toHaveLength(256);
    expect(result.truncated).toEqual([{ key: 'k00', from: 300, to: 256 }]);
    expect(result.dropped.map((entry) => `${entry.key}:${entry.reason}`)).toEqual(Array.from({ length: 11 }, (_, i) => `k${49 + i}:maxAttributes`));
    expect(result.bytes).toBeGreaterThan(2048);
  });

  it.each(['open-messaging', 'web-messaging'])('%s: drops the last attributes beyond 2048 bytes of UTF-8', async (channel) => {
    const genesysMetaData = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`note${String(i).padStart(2, '0')}`, '€'.repeat(60)]));
    const result = await ok({ channel, queueName: 'Web Support', genesysMetaData });
    expect(Object.keys(result.attributes)).toHaveLength(11);
    expect(result.bytes).toBe(1880);
    expect(result.warnings).toEqual(['dropped 2 attribute(s) beyond maxTotalBytes=2048: "note10", "note11"']);
    expect(result.dropped.map((entry) => [entry.key, entry.reason])).toEqual([
      ['note10', 'maxTotalBytes'],
      ['note11', 'maxTotalBytes'],
    ]);
  });

  it('answers 400 with field paths: non-object metadata, a JSON string without an object, a bad channel, unknown fields', async () => {
    for (const genesysMetaData of [42, ['a'], 'not json', '[1,2]']) {
      const response = await preview({ channel: 'bot-flow', genesysMetaData });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).errors).toEqual([{ path: 'genesysMetaData', problems: ['genesysMetaData must be a JSON object or a string holding one'] }]);
    }
    const response = await preview({ channel: 'sms', extra: true, profile: { email: 'not-an-email' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.message).toBe('Request validation failed');
    expect(body.errors?.map((problem) => problem.path).sort()).toEqual(['channel', 'extra', 'profile.email']);
  });

  it('answers 400 with the path of invalid names and huge values inside the metadata and customAttributes', async () => {
    const response = await preview({
      channel: 'web-messaging',
      genesysMetaData: { customer: { 'bad\u0000name': 'x', '  ': 'blank' }, notes: ['n'.repeat(10_001)] },
      customAttributes: { ok: 'fine', count: 3, ['k'.repeat(257)]: 'v' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).errors).toEqual([
      { path: 'genesysMetaData.customer["bad\\u0000name"]', problems: ['name must not contain control characters'] },
      { path: 'genesysMetaData.customer["  "]', problems: ['name must not be empty or blank'] },
      { path: 'genesysMetaData.notes.0', problems: ['value must be at most 10000 characters'] },
      { path: 'customAttributes.count', problems: ['must be a string'] },
      { path: `customAttributes.${'k'.repeat(257)}`, problems: ['name must be at most 256 characters'] },
    ]);
  });

  it('answers 400 for a body that is no JSON object, and 413 for one beyond the body limit', async () => {
    expect((await preview('[1,2]')).status).toBe(400);
    expect((await preview(JSON.stringify({ channel: 'bot-flow', genesysMetaData: { big: 'x'.repeat(1_100_000) } }))).status).toBe(413);
  });
});
