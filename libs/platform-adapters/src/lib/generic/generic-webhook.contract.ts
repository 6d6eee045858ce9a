import { type CanonicalInput, type CanonicalOutput, type HandoverRequest } from '@genesys-bridge/content-conversion';
import { type JsonSchema } from './json-schema';

/** What we POST to a generic webhook bot for each turn (the raw body is what `X-Bridge-Signature` signs). */
export interface GenericWebhookRequest {
  sessionId: string;
  userId: string;
  isNewSession: boolean;
  input: CanonicalInput;
  languageCode?: string;
  parameters?: Record<string, string>;
}

/** What a generic webhook bot answers (HTTP 2xx, JSON); anything else fails the turn with `invalid-response`. */
export interface GenericWebhookResponse {
  outputs: CanonicalOutput[];
  handover?: HandoverRequest;
  endSession?: boolean;
  intent?: string;
  slots?: Record<string, string>;
}

/** The header carrying `sha256=<base64 HMAC-SHA256 of the raw request body>` when an HMAC secret is configured. */
export const GENERIC_WEBHOOK_SIGNATURE_HEADER = 'X-Bridge-Signature';

const string = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const url = (description: string): JsonSchema => ({ type: 'string', format: 'uri', description });
const tag = (value: string): JsonSchema => ({ type: 'string', enum: [value] });
const stringMap = (description: string): JsonSchema => ({ type: 'object', description, additionalProperties: { type: 'string' } });

/** A closed object: the listed properties, the given ones required, nothing else. */
function closed(properties: Record<string, JsonSchema>, required: string[], description?: string): JsonSchema {
  return { type: 'object', ...(description ? { description } : {}), properties, required, additionalProperties: false };
}

function union(propertyName: string, branches: JsonSchema[], description: string): JsonSchema {
  return { description, oneOf: branches, discriminator: { propertyName } };
}

const buttonSchema = union(
  'type',
  [
    closed({ type: tag('postback'), title: string(), payload: string('Sent back to the bot when tapped') }, ['type', 'title', 'payload']),
    closed({ type: tag('url'), title: string(), url: url('Opened when tapped') }, ['type', 'title', 'url']),
    closed({ type: tag('phone'), title: string(), phoneNumber: string() }, ['type', 'title', 'phoneNumber']),
  ],
  'A button: postback, link or phone number',
);

const optionSchema = closed(
  { title: string(), payload: string('What the bot receives when the user picks it'), imageUrl: url('Optional icon') },
  ['title', 'payload'],
  'A quick reply',
);

const cardSchema = closed(
  {
    title: string(),
    subtitle: string(),
    imageUrl: url('Card image'),
    defaultActionUrl: url('Opened when the card itself is tapped'),
    buttons: { type: 'array', items: buttonSchema },
  },
  ['title', 'buttons'],
  'A card (one of a carousel, or a list item)',
);

const outputSchema = union(
  'kind',
  [
    closed({ kind: tag('text'), text: string() }, ['kind', 'text']),
    closed({ kind: tag('quick-replies'), text: string(), options: { type: 'array', items: optionSchema } }, ['kind', 'text', 'options']),
    closed({ kind: tag('buttons'), text: string(), buttons: { type: 'array', items: buttonSchema } }, ['kind', 'text', 'buttons']),
    closed({ kind: tag('cards'), cards: { type: 'array', items: cardSchema }, text: string() }, ['kind', 'cards']),
    closed({ kind: tag('list'), text: string(), items: { type: 'array', items: cardSchema }, button: buttonSchema }, ['kind', 'items']),
    closed(
      {
        kind: tag('media'),
        mediaType: { type: 'string', enum: ['Image', 'Video', 'Audio', 'File'] },
        url: url('Where the file is'),
        mime: string(),
        filename: string(),
        text: string(),
      },
      ['kind', 'mediaType', 'url'],
    ),
    closed({ kind: tag('unsupported'), source: string(), fallbackText: string('Shown instead, when set') }, ['kind', 'source']),
  ],
  'One bot message, in the canonical model',
);

const handoverSchema = closed(
  {
    queueName: string('Genesys queue name, for FindQueue'),
    skills: { type: 'array', items: { type: 'string' } },
    language: string(),
    priority: { type: 'number' },
    metadata: { type: 'object', description: 'Any JSON; flattened into Genesys participant data', additionalProperties: true },
    reason: string(),
  },
  [],
  'The bot asks for a human agent; routing hints for the Architect flow',
);

const inputSchema = union(
  'kind',
  [
    closed({ kind: tag('text'), text: string() }, ['kind', 'text']),
    closed(
      {
        kind: tag('postback'),
        text: string('The label the user saw'),
        payload: string('The payload of the quick reply or button'),
        buttonType: { type: 'string', enum: ['QuickReply', 'Button'] },
      },
      ['kind', 'text', 'payload', 'buttonType'],
    ),
  ],
  'What the customer sent',
);

/** JSON-schema-like (OpenAPI 3.0 Schema Object) description of `GenericWebhookRequest`, for publishing. */
export const GENERIC_WEBHOOK_REQUEST_SCHEMA: JsonSchema = closed(
  {
    sessionId: string('Stable for one Genesys bot session'),
    userId: string(),
    isNewSession: { type: 'boolean', description: 'True on the first turn of a session' },
    input: inputSchema,
    languageCode: string('Genesys language code, e.g. en-us'),
    parameters: stringMap('Flat parameters from the Genesys Architect flow'),
  },
  ['sessionId', 'userId', 'isNewSession', 'input'],
  'One customer turn, POSTed by genesys-bridge to the bot',
);

/** JSON-schema-like (OpenAPI 3.0 Schema Object) description of `GenericWebhookResponse`; responses are validated against it. */
export const GENERIC_WEBHOOK_RESPONSE_SCHEMA: JsonSchema = closed(
  {
    outputs: { type: 'array', items: outputSchema, description: 'Shown to the customer in order' },
    handover: handoverSchema,
    endSession: { type: 'boolean', description: 'The bot is done (ignored when handover is set)' },
    intent: string('Reported to Genesys as the intent'),
    slots: stringMap('Reported to Genesys as slots'),
  },
  ['outputs'],
  "The bot's answer for one turn",
);
