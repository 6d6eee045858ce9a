import { isPlainObject } from '../../shared/sim-options';
import { botkitError } from './botkit-errors';

/** `sdk.sendBotMessage` limit (bot-platforms.md §B4). */
export const MAX_BOT_MESSAGE_LENGTH = 3000;

/** What a `sendUserMessage` call puts in front of the user. */
export interface UserFacingMessage {
  text: string;
  isTemplate: boolean;
  /** The parsed `overrideMessagePayload.body` of a template. */
  template?: unknown;
}

/**
 * `sendUserMessage` body (the whole payload with edited fields): `overrideMessagePayload {body, isTemplate}` wins when
 * present; otherwise `message` must be a non-empty string. A template body must be JSON (the simulator's strictness:
 * a template that does not parse cannot be rendered). 400 otherwise.
 */
export function validateSendUserMessage(body: unknown): UserFacingMessage {
  if (!isPlainObject(body)) throw botkitError(400, 'The request body must be a JSON object');
  const override = body.overrideMessagePayload;
  if (override !== undefined && override !== null) {
    if (!isPlainObject(override)) throw botkitError(400, 'overrideMessagePayload must be an object');
    const { body: text, isTemplate = false } = override;
    if (typeof text !== 'string' || text === '') throw botkitError(400, 'overrideMessagePayload.body must be a non-empty string');
    if (typeof isTemplate !== 'boolean') throw botkitError(400, 'overrideMessagePayload.isTemplate must be a boolean');
    return isTemplate ? { text, isTemplate, template: parseTemplate(text) } : { text, isTemplate };
  }
  if (typeof body.message !== 'string' || body.message.trim() === '') throw botkitError(400, 'message is required');
  return { text: body.message, isTemplate: false };
}

/** `sendBotMessage` body: `message` (the user's text for the bot) non-empty and at most 3000 characters. */
export function validateSendBotMessage(body: unknown): string {
  if (!isPlainObject(body)) throw botkitError(400, 'The request body must be a JSON object');
  const { message } = body;
  if (typeof message !== 'string' || message.trim() === '') throw botkitError(400, 'message is required');
  if (message.length > MAX_BOT_MESSAGE_LENGTH) throw botkitError(400, `message must be at most ${MAX_BOT_MESSAGE_LENGTH} characters`);
  return message;
}

function parseTemplate(text: string): unknown {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // answered below
  }
  throw botkitError(400, 'overrideMessagePayload.body of a template must be a JSON object');
}
