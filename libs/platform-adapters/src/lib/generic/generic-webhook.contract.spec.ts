import { GENERIC_WEBHOOK_REQUEST_SCHEMA, GENERIC_WEBHOOK_RESPONSE_SCHEMA, type GenericWebhookRequest, type GenericWebhookResponse } from './generic-webhook.contract';
import { validateJson } from './json-schema';

const validateResponse = (value: unknown) => validateJson(value, GENERIC_WEBHOOK_RESPONSE_SCHEMA, 'response');

/** Every output kind and button type once, typed against the TypeScript contract so the two stay in step. */
const EVERYTHING: GenericWebhookResponse = {
  outputs: [
    { kind: 'text', text: 'Hello' },
    { kind: 'quick-replies', text: 'Pick', options: [{ title: 'A', payload: 'a', imageUrl: 'https://x.test/a.png' }] },
    {
      kind: 'buttons',
      text: 'Choose',
      buttons: [
        { type: 'postback', title: 'P', payload: 'p' },
        { type: 'url', title: 'U', url: 'https://x.test' },
        { type: 'phone', title: 'T', phoneNumber: '+4912345' },
      ],
    },
    { kind: 'cards', text: 't', cards: [{ title: 'C', subtitle: 's', imageUrl: 'https://x.test/c.png', defaultActionUrl: 'https://x.test/c', buttons: [] }] },
    { kind: 'list', items: [{ title: 'I', buttons: [] }], button: { type: 'postback', title: 'More', payload: 'more' } },
    { kind: 'media', mediaType: 'Image', url: 'https://x.test/i.png', mime: 'image/png', filename: 'i.png', text: 'pic' },
    { kind: 'unsupported', source: 'chart', fallbackText: 'a chart' },
  ],
  handover: { queueName: 'Q', skills: ['s'], language: 'en', priority: 1, metadata: { any: { nested: [1] } }, reason: 'r' },
  endSession: false,
  intent: 'Done',
  slots: { a: 'b' },
};

describe('generic webhook response schema', () => {
  it('accepts every output kind and every optional field', () => {
    expect(validateResponse(EVERYTHING)).toEqual([]);
    expect(validateResponse({ outputs: [] })).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', [], ['response must be an object']],
    ['outputs missing', {}, ['outputs is required']],
    ['outputs not an array', { outputs: 'hi' }, ['outputs must be an array']],
    [
      'a deep payload of the wrong type',
      { outputs: [{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }, { kind: 'quick-replies', text: 'q', options: [{ title: 't', payload: 5 }] }] },
      ['outputs[2].options[0].payload must be a string'],
    ],
    [
      'an unknown kind',
      { outputs: [{ kind: 'carousel' }] },
      ['outputs[0].kind must be one of "text", "quick-replies", "buttons", "cards", "list", "media", "unsupported"'],
    ],
    ['an unknown button type', { outputs: [{ kind: 'buttons', text: 't', buttons: [{ type: 'call', title: 'x' }] }] }, ['outputs[0].buttons[0].type must be one of "postback", "url", "phone"']],
    ['a missing required field', { outputs: [{ kind: 'media', mediaType: 'Image' }] }, ['outputs[0].url is required']],
    ['a URL that is not absolute', { outputs: [{ kind: 'media', mediaType: 'Image', url: '/relative.png' }] }, ['outputs[0].url must be an absolute URL']],
    ['a bad enum', { outputs: [{ kind: 'media', mediaType: 'Picture', url: 'https://x.test' }] }, ['outputs[0].mediaType must be one of "Image", "Video", "Audio", "File"']],
    ['an unknown field', { outputs: [{ kind: 'text', text: 't', colour: 'red' }] }, ['outputs[0].colour is not allowed']],
    ['an unknown top-level field', { outputs: [], handoff: true }, ['handoff is not allowed']],
    [
      'handover fields of the wrong types',
      { outputs: [], handover: { queueName: 1, skills: ['a', 2], priority: '1', metadata: 'x' } },
      ['handover.queueName must be a string', 'handover.skills[1] must be a string', 'handover.priority must be a number', 'handover.metadata must be an object'],
    ],
    ['slots that are not strings', { outputs: [], slots: { n: 1 } }, ['slots.n must be a string']],
    ['null for an optional field', { outputs: [], intent: null }, ['intent must be a string']],
    ['endSession not a boolean', { outputs: [], endSession: 'yes' }, ['endSession must be a boolean']],
  ])('reports %s with its field path', (_, value, errors) => {
    expect(validateResponse(value)).toEqual(errors);
  });

  it('stops after 20 errors', () => {
    const outputs = Array.from({ length: 50 }, () => ({ kind: 'text', text: 1 }));
    expect(validateResponse({ outputs })).toHaveLength(20);
  });
});

describe('generic webhook request schema', () => {
  it('describes what the adapter sends', () => {
    const request: GenericWebhookRequest = {
      sessionId: 's',
      userId: 'u',
      isNewSession: true,
      input: { kind: 'postback', text: 'Yes', payload: 'YES', buttonType: 'QuickReply' },
      languageCode: 'en-us',
      parameters: { a: 'b' },
    };
    expect(validateJson(request, GENERIC_WEBHOOK_REQUEST_SCHEMA, 'request')).toEqual([]);
    expect(validateJson({ ...request, input: { kind: 'text' } }, GENERIC_WEBHOOK_REQUEST_SCHEMA, 'request')).toEqual(['input.text is required']);
  });

  it('is plain JSON (publishable as an OpenAPI schema object)', () => {
    expect(JSON.parse(JSON.stringify(GENERIC_WEBHOOK_RESPONSE_SCHEMA))).toEqual(GENERIC_WEBHOOK_RESPONSE_SCHEMA);
    expect(GENERIC_WEBHOOK_RESPONSE_SCHEMA).toMatchObject({ type: 'object', required: ['outputs'], additionalProperties: false });
  });
});
