import { optionalString, requireObject, requireOneOf, type JsonObject } from '../support/field-checks';
import { badRequest } from '../support/genesys-error';
import { rejectMisplacedCustomAttributes, validateInboundChannel, type InboundChannel } from './inbound-channel.validator';

export const BUTTON_RESPONSE_TYPES = ['Button', 'QuickReply', 'DatePicker', 'ListPicker', 'Form'] as const;

export interface InboundStructuredResponse {
  channel: InboundChannel;
  buttonResponse: { type: (typeof BUTTON_RESPONSE_TYPES)[number]; text: string; payload: string };
  originatingMessageId?: string;
}

/** OpenInboundStructuredResponseMessage: `{channel, buttonResponse{type,text,payload}, originatingMessageId}`. */
export function validateStructuredResponse(value: unknown): InboundStructuredResponse {
  const body = requireObject(value, 'body');
  rejectMisplacedCustomAttributes(body);
  const channel = validateInboundChannel(body.channel, { requireMessageId: true });
  const button: JsonObject = requireObject(body.buttonResponse, 'buttonResponse');
  return {
    channel,
    buttonResponse: {
      type: requireOneOf(button.type, BUTTON_RESPONSE_TYPES, 'buttonResponse.type'),
      text: requireString(button.text, 'buttonResponse.text'),
      payload: requireString(button.payload, 'buttonResponse.payload'),
    },
    originatingMessageId: optionalString(body.originatingMessageId, 'originatingMessageId'),
  };
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw badRequest(`${path} is required and must be a string`);
  return value;
}
