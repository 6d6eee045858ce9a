import { type CanonicalInput } from '../canonical';

/** One option offered as numbered text; store the turn's list and resolve the customer's next message against it. */
export interface NumberedChoice {
  number: number;
  title: string;
  payload: string;
}

/** The line shown for a numbered option: `"1. Yes"`. */
export function numberedLine(choice: NumberedChoice): string {
  return `${choice.number}. ${choice.title}`;
}

const NUMBER_ONLY = /^#?\s*(\d{1,4})\s*[.)]?$/;

/**
 * Finds the numbered option a typed answer picks: the number alone (`"2"`, `"2."`, `"#2"`, full-width digits too), or
 * the option's title typed out (case-insensitive). `undefined` when the text matches no option.
 */
export function findNumberedChoice(text: string, lastOptions: readonly NumberedChoice[]): NumberedChoice | undefined {
  const typed = text.normalize('NFKC').trim();
  if (typed === '') return undefined;
  const number = NUMBER_ONLY.exec(typed)?.[1];
  if (number !== undefined) return lastOptions.find((choice) => choice.number === Number(number));
  const lower = typed.toLocaleLowerCase();
  return lastOptions.find((choice) => choice.title.normalize('NFKC').trim().toLocaleLowerCase() === lower);
}

/** The payload of the numbered option a typed answer picks (see `findNumberedChoice`), or `undefined`. */
export function resolveNumberedChoice(text: string, lastOptions: readonly NumberedChoice[]): string | undefined {
  return findNumberedChoice(text, lastOptions)?.payload;
}

/** A typed answer that picks a numbered option becomes the postback a click on that option would have sent. */
export function applyNumberedChoice(input: CanonicalInput, lastOptions: readonly NumberedChoice[]): CanonicalInput {
  if (input.kind !== 'text') return input;
  const choice = findNumberedChoice(input.text, lastOptions);
  return choice ? { kind: 'postback', text: choice.title, payload: choice.payload, buttonType: 'QuickReply' } : input;
}
