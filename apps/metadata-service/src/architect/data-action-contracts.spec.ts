import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationMetadataDto, LanguageResolveDto, QueueResolveDto, SkillResolveDto } from './architect.dto';

/**
 * The Data Action contracts an admin imports (docs/architect/*.data-action.json) against the endpoints' DTOs: same
 * fields, every field mapped with a default, a success template that renders the endpoint's answer (and the defaults)
 * as JSON, and request URLs on our routes. A field added to a DTO without the contract (or the reverse) fails here.
 */

const DOCS = join(__dirname, '../../../../docs/architect');

interface DataAction {
  name: string;
  integrationType: string;
  actionType: string;
  secure: boolean;
  config: {
    request: { requestUrlTemplate: string; requestType: string; headers: Record<string, string>; requestTemplate: string };
    response: { translationMap: Record<string, string>; translationMapDefaults: Record<string, string>; successTemplate: string };
  };
  contract: {
    input: { inputSchema: { type: string; required: string[]; properties: Record<string, { type: string }> } };
    output: { successSchema: { type: string; properties: Record<string, { type: string }> } };
  };
}

const queue: QueueResolveDto = { found: false, queueId: 'q-1', queueName: 'Général "EU"', resolvedBy: 'fallback', requestedName: 'Nope', source: 'cache' };
const skill: SkillResolveDto = { found: true, skillId: 's-1', skillName: 'Billing', resolvedBy: 'exact', requestedName: 'Billing', source: 'genesys' };
const language: LanguageResolveDto = { found: true, languageId: 'l-1', languageName: 'French', resolvedBy: 'case-insensitive', requestedName: 'french', source: 'stale-cache' };
const conversation: ConversationMetadataDto = {
  found: true,
  conversationId: 'c-1',
  handoverId: 'h-1',
  handoverStatus: 'active',
  queueName: 'Billing',
  queueId: 'q-1',
  queueResolvedBy: 'exact',
  skills: 'billing,english',
  language: 'en-us',
  priority: '5',
  attributesJson: '{"QueueName":"Billing"}',
  attributes: { QueueName: 'Billing' },
};

const CASES: [string, RegExp, Record<string, unknown>, string[]][] = [
  ['queue-resolve.data-action.json', /^\/architect\/\$\{credentials\.connectionId\}\/queues\/resolve\?name=\$esc\.url\(\$input\.name\)$/, { ...queue }, ['name']],
  ['skill-resolve.data-action.json', /^\/architect\/\$\{credentials\.connectionId\}\/skills\/resolve\?name=\$esc\.url\(\$input\.name\)$/, { ...skill }, ['name']],
  ['language-resolve.data-action.json', /^\/architect\/\$\{credentials\.connectionId\}\/languages\/resolve\?name=\$esc\.url\(\$input\.name\)$/, { ...language }, ['name']],
  [
    'conversation-metadata.data-action.json',
    /^\/architect\/\$\{credentials\.connectionId\}\/conversations\/\$esc\.url\(\$input\.conversationId\)\/metadata$/,
    { ...conversation, attributes: undefined },
    ['conversationId'],
  ],
];

/** What Genesys does with a success template: each `${key}` becomes the JSON of the value the translation map found. */
function render(template: string, values: Record<string, string>): unknown {
  return JSON.parse(template.replace(/\$\{(\w+)\}/g, (_, key: string) => values[key] ?? `<missing ${key}>`));
}

describe('Architect Data Action contracts (docs/architect)', () => {
  it('has exactly the four documented actions', () => {
    expect(readdirSync(DOCS).filter((file) => file.endsWith('.data-action.json')).sort()).toEqual(CASES.map(([file]) => file).sort());
  });

  it.each(CASES)('%s matches its endpoint', (file, path, answer, inputs) => {
    const action = JSON.parse(readFileSync(join(DOCS, file), 'utf8')) as DataAction;
    expect(action).toMatchObject({ integrationType: 'custom-rest-actions', actionType: 'custom', secure: false });
    const { request, response } = action.config;
    expect(request).toMatchObject({ requestType: 'GET', requestTemplate: '${input.rawRequest}', headers: { 'x-api-key': '${credentials.apiKey}' } });
    expect(request.requestUrlTemplate.startsWith('${credentials.baseUrl}')).toBe(true);
    expect(request.requestUrlTemplate.slice('${credentials.baseUrl}'.length)).toMatch(path);
    expect(action.contract.input.inputSchema.required).toEqual(inputs);
    expect(Object.keys(action.contract.input.inputSchema.properties)).toEqual(inputs);

    const fields = Object.keys(answer).filter((key) => answer[key] !== undefined);
    const properties = action.contract.output.successSchema.properties;
    expect(Object.keys(properties).sort()).toEqual(fields.sort());
    for (const field of fields) expect([field, properties[field]?.type]).toEqual([field, typeof answer[field]]);
    expect(Object.keys(response.translationMap).sort()).toEqual(fields.sort());
    expect(Object.keys(response.translationMapDefaults).sort()).toEqual(fields.sort());
    for (const field of fields) expect(response.translationMap[field]).toBe(`$.${field}`);

    const extracted = Object.fromEntries(fields.map((field) => [field, JSON.stringify(answer[field])]));
    expect(render(response.successTemplate, extracted)).toEqual(Object.fromEntries(fields.map((field) => [field, answer[field]])));
    const defaults = render(response.successTemplate, response.translationMapDefaults) as Record<string, unknown>;
    for (const field of fields) expect(typeof defaults[field]).toBe(properties[field]?.type);
  });
});
