import type { IdType } from '../conversations/conversation.model';
import { badRequest } from '../support/genesys-error';
import {
  isPlainObject,
  optionalString,
  requireIsoDateTime,
  requireNonEmptyString,
  requireObject,
  requireOneOf,
  requireStringMap,
  type JsonObject,
} from '../support/field-checks';

export const ID_TYPES: readonly IdType[] = ['Email', 'Phone', 'Opaque'];
const E164 = /^\+[1-9]\d{1,14}$/;

export interface InboundSender {
  id: string;
  idType: IdType;
  nickname?: string;
  firstName?: string;
  lastName?: string;
  image?: string;
  email?: string;
}

export interface InboundChannel {
  from: InboundSender;
  time: string;
  messageId?: string;
  metadata?: JsonObject;
  customAttributes: Record<string, string>;
}

/** `channel` of inbound messages, events and structured responses (OpenInboundMessageMessagingChannel). */
export function validateInboundChannel(value: unknown, options: { requireMessageId: boolean }): InboundChannel {
  const channel = requireObject(value, 'channel');
  const from = requireObject(channel.from, 'channel.from');
  const idType = requireOneOf(from.idType, ID_TYPES, 'channel.from.idType');
  const sender: InboundSender = {
    id: requireNonEmptyString(from.id, 'channel.from.id'),
    idType,
    nickname: optionalString(from.nickname, 'channel.from.nickname'),
    firstName: optionalString(from.firstName, 'channel.from.firstName'),
    lastName: optionalString(from.lastName, 'channel.from.lastName'),
    image: optionalString(from.image, 'channel.from.image'),
    email: optionalString(from.email, 'channel.from.email'),
  };
  if (idType === 'Phone' && !E164.test(sender.id)) throw badRequest('channel.from.id must be an E.164 phone number when idType is Phone');
  const messageId = options.requireMessageId
    ? requireNonEmptyString(channel.messageId, 'channel.messageId')
    : optionalString(channel.messageId, 'channel.messageId');
  const time = requireIsoDateTime(channel.time, 'channel.time');
  let metadata: JsonObject | undefined;
  let customAttributes: Record<string, string> = {};
  if (channel.metadata !== undefined) {
    metadata = requireObject(channel.metadata, 'channel.metadata');
    if (metadata.customAttributes !== undefined) {
      customAttributes = requireStringMap(metadata.customAttributes, 'channel.metadata.customAttributes');
    }
  }
  return { from: sender, time, messageId, metadata, customAttributes };
}

const CUSTOM_ATTRIBUTES = 'customAttributes';
const CUSTOM_ATTRIBUTES_HOME = `channel.metadata.${CUSTOM_ATTRIBUTES}`;

/** Custom attributes are only read from `channel.metadata.customAttributes` (genesys-api.md §2.4, §3). */
export function rejectMisplacedCustomAttributes(body: unknown, path = ''): void {
  if (Array.isArray(body)) {
    body.forEach((item, index) => rejectMisplacedCustomAttributes(item, `${path}[${index}]`));
    return;
  }
  if (!isPlainObject(body)) return;
  for (const [key, value] of Object.entries(body)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key === CUSTOM_ATTRIBUTES && childPath !== CUSTOM_ATTRIBUTES_HOME) {
      throw badRequest(`${childPath} is not allowed: custom attributes are only accepted at ${CUSTOM_ATTRIBUTES_HOME}`);
    }
    if (childPath !== CUSTOM_ATTRIBUTES_HOME) rejectMisplacedCustomAttributes(value, childPath);
  }
}
