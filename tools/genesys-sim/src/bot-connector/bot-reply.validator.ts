import { describeType, isPlainObject, type JsonObject } from '../support/field-checks';
import { FieldErrors, joinPath } from '../support/field-errors';
import type { BotEntityValue, BotState, ReplyMessage } from './bot-connector.model';
import { checkEntity } from './bot-entity.validator';
import { checkReplyMessage } from './reply-content.validator';

export const BOT_STATES: readonly BotState[] = ['MoreData', 'Complete', 'Failed'];

export interface BotReplyRules {
  /** v1 (`errorInfo{errorCode,errorMessage}`, §1.3) or v2 (`errorInfo{code,message}`, §1.6). */
  dialect: 'v1' | 'v2';
  /** Intents of the bot version in the bot list; any `intent` outside it is invalid (null: unknown, not checked). */
  intents: readonly string[] | null;
  /** UNCONFIRMED (v1): whether the pre-GA `replymessages` key is read like `replyMessages`. */
  acceptLowercaseReplyMessages: boolean;
}

export interface ValidatedBotReply {
  botState: BotState;
  replies: ReplyMessage[];
  intent?: string;
  confidence?: number;
  parameters?: Record<string, string>;
  entities?: BotEntityValue[];
  errorInfo?: Record<string, string>;
}

const ERROR_INFO_KEYS = { v1: ['errorCode', 'errorMessage'], v2: ['code', 'message'] } as const;

/**
 * The bot's answer to one turn, checked like Genesys (§1.3): exact `botState`, reply shapes, `intent` required with
 * `Complete` and known to the bot list, flat string `parameters`, typed `entities`, dialect-specific `errorInfo`.
 * Problems are appended to `errors`; the normalised reply is returned only when there were none.
 */
export function validateBotReply(body: JsonObject, rules: BotReplyRules, errors: FieldErrors = new FieldErrors()): ValidatedBotReply | undefined {
  const before = errors.list.length;
  const botState = body.botState;
  if (botState === undefined || botState === null) errors.add('botState', 'is required');
  else if (!BOT_STATES.includes(botState as BotState)) {
    errors.add('botState', `must be exactly one of ${BOT_STATES.join(', ')} (got ${JSON.stringify(botState)})`);
  }

  const replies = readReplyMessages(body, rules, errors);
  const intent = checkIntent(body, botState, rules, errors);
  checkConfidence(body.confidence, errors);
  const parameters = checkParameters(body.parameters, errors);
  const entities = checkEntities(body.entities, errors);
  const errorInfo = checkErrorInfo(body.errorInfo, rules.dialect, errors);

  if (errors.list.length > before) return undefined;
  return {
    botState: botState as BotState,
    replies,
    ...(intent === undefined ? {} : { intent }),
    ...(typeof body.confidence === 'number' ? { confidence: body.confidence } : {}),
    ...(parameters === undefined ? {} : { parameters }),
    ...(entities === undefined ? {} : { entities }),
    ...(errorInfo === undefined ? {} : { errorInfo }),
  };
}

function readReplyMessages(body: JsonObject, rules: BotReplyRules, errors: FieldErrors): ReplyMessage[] {
  let key = 'replyMessages';
  if (body.replyMessages === undefined && body.replymessages !== undefined) {
    if (rules.dialect === 'v1' && rules.acceptLowercaseReplyMessages) key = 'replymessages';
    else {
      errors.add('replymessages', 'is not a field of the response; the reply list is replyMessages (camelCase)');
      return [];
    }
  }
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(key, 'must be an array of reply messages');
    return [];
  }
  value.forEach((message, index) => checkReplyMessage(errors, message, joinPath(key, index)));
  return value as ReplyMessage[];
}

function checkIntent(body: JsonObject, botState: unknown, rules: BotReplyRules, errors: FieldErrors): string | undefined {
  const intent = body.intent;
  if (intent === undefined || intent === null || intent === '') {
    if (botState === 'Complete') errors.add('intent', 'is required when botState is Complete');
    return undefined;
  }
  if (typeof intent !== 'string') {
    errors.add('intent', 'must be a string');
    return undefined;
  }
  if (rules.intents !== null && !rules.intents.includes(intent)) {
    errors.add('intent', `"${intent}" is not an intent of this bot version in the bot list (known: ${rules.intents.join(', ') || 'none'})`);
  }
  return intent;
}

function checkConfidence(confidence: unknown, errors: FieldErrors): void {
  if (confidence === undefined || confidence === null) return;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    errors.add('confidence', 'must be a number between 0 and 1');
  }
}

/** Output session variables: a FLAT string → string map; any other value (number, object, array, null) is invalid. */
function checkParameters(parameters: unknown, errors: FieldErrors): Record<string, string> | undefined {
  if (parameters === undefined || parameters === null) return undefined;
  if (!isPlainObject(parameters)) {
    errors.add('parameters', 'must be a flat object of string values');
    return undefined;
  }
  for (const [key, value] of Object.entries(parameters)) {
    if (typeof value !== 'string') errors.add(`parameters.${key}`, `must be a string (got ${describeType(value)}); parameters are a flat string map`);
  }
  return parameters as Record<string, string>;
}

function checkEntities(entities: unknown, errors: FieldErrors): BotEntityValue[] | undefined {
  if (entities === undefined || entities === null) return undefined;
  if (!Array.isArray(entities)) {
    errors.add('entities', 'must be an array of {name, type, value|values}');
    return undefined;
  }
  entities.forEach((entity, index) => checkEntity(errors, entity, joinPath('entities', index)));
  return entities as BotEntityValue[];
}

function checkErrorInfo(errorInfo: unknown, dialect: 'v1' | 'v2', errors: FieldErrors): Record<string, string> | undefined {
  if (errorInfo === undefined || errorInfo === null) return undefined;
  if (!isPlainObject(errorInfo)) {
    errors.add('errorInfo', 'must be an object');
    return undefined;
  }
  const [codeKey, messageKey] = ERROR_INFO_KEYS[dialect];
  const [otherCode, otherMessage] = ERROR_INFO_KEYS[dialect === 'v1' ? 'v2' : 'v1'];
  for (const wrong of [otherCode, otherMessage]) {
    if (errorInfo[wrong] !== undefined) {
      errors.add(`errorInfo.${wrong}`, `is not a ${dialect} errorInfo field; ${dialect} uses ${codeKey}/${messageKey}`);
    }
  }
  if (dialect === 'v1' && (typeof errorInfo.errorCode !== 'string' || errorInfo.errorCode === '')) {
    errors.add('errorInfo.errorCode', 'is required and must be a non-empty string');
  }
  for (const key of [codeKey, messageKey]) {
    const value = errorInfo[key];
    if (value !== undefined && value !== null && typeof value !== 'string') errors.add(`errorInfo.${key}`, 'must be a string');
  }
  return errorInfo as Record<string, string>;
}
