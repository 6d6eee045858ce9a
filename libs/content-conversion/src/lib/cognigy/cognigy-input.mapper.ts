import { type CanonicalInput } from '../canonical';

/** The `text` + `data` part of a Cognigy REST/Webhook/Socket input (bot-platforms.md §A2, §A4). */
export interface CognigyInput {
  text: string;
  data: Record<string, unknown>;
}

/** What a click adds to `data`; a Flow reads it as `input.data.buttonText` / `input.data.buttonType`. */
export interface CognigyPostbackData {
  buttonText: string;
  buttonType: 'QuickReply' | 'Button';
}

/**
 * Canonical input → Cognigy input. Cognigy's own channels send a quick-reply or postback click as text = the payload,
 * so Flows written for them keep working; the label the customer saw and the click type go into `data` for Flows
 * that want them. Typed text passes through with empty `data`.
 */
export function toCognigyInput(input: CanonicalInput): CognigyInput {
  if (input.kind === 'text') return { text: input.text, data: {} };
  const data: CognigyPostbackData = { buttonText: input.text, buttonType: input.buttonType };
  return { text: input.payload, data: { ...data } };
}
