import { type CanonicalInput } from '../canonical';
import { type GenesysButtonResponse, type InputMessage } from './genesys-reply.types';

/**
 * Turns the Bot Connector `inputMessage` (genesys-api.md §1.2) into canonical input. A Structured message with a
 * `ButtonResponse` is a quick-reply or button click and becomes a postback; everything else is text. A click without
 * a payload posts its text back, which is what the customer saw.
 */
export function parseGenesysInput(inputMessage: InputMessage | undefined | null): CanonicalInput {
  const text = typeof inputMessage?.text === 'string' ? inputMessage.text : '';
  const click = inputMessage?.type === 'Structured' ? findButtonResponse(inputMessage) : undefined;
  if (!click) return { kind: 'text', text };
  const clickText = nonEmpty(click.text) ?? text;
  return {
    kind: 'postback',
    text: clickText,
    payload: nonEmpty(click.payload) ?? clickText,
    buttonType: click.type === 'Button' ? 'Button' : 'QuickReply',
  };
}

function findButtonResponse(message: InputMessage): GenesysButtonResponse | undefined {
  return (message.content ?? []).find((item) => item?.contentType === 'ButtonResponse' && item.buttonResponse)
    ?.buttonResponse;
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
