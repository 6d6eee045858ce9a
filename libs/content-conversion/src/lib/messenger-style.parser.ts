import { type CanonicalButton, type CanonicalCard, type CanonicalOption, type CanonicalOutput } from './canonical';
import { arrayAt, compact, firstStringAt, recordAt, stringAt } from './json-guards';

/*
 * Cognigy `_default` blocks (bot-platforms.md §A5) and Kore templates (§B3) both descend from Facebook Messenger's
 * templates, so buttons, quick replies and cards share one reader that accepts both spellings: camelCase for Cognigy
 * (`contentType`, `imageUrl`, `defaultActionUrl`), snake_case for Kore (`content_type`, `image_url`,
 * `default_action.url`).
 */

/**
 * Maps a button or quick reply by its `type` (`contentType`/`content_type` for quick replies):
 * - `web_url` → url (`url`, else `payload`);
 * - `phone_number` → phone, the number being the `payload`;
 * - `postback`, `text`, `trigger_intent` and anything else → postback with `payload`, else the title. How Cognigy
 *   encodes an intent trigger is UNCONFIRMED (§A5 lists only `intentName`), so its payload passes through unchanged.
 * Items without a title, or a url/phone button without its target, are skipped.
 */
export function parseButton(raw: unknown): CanonicalButton | undefined {
  const title = stringAt(raw, 'title');
  if (title === undefined) return undefined;
  const type = firstStringAt(raw, 'type', 'contentType', 'content_type');
  const payload = stringAt(raw, 'payload');
  if (type === 'web_url') {
    const url = stringAt(raw, 'url') ?? payload;
    return url === undefined ? undefined : { type: 'url', title, url };
  }
  if (type === 'phone_number') {
    return payload === undefined ? undefined : { type: 'phone', title, phoneNumber: payload };
  }
  return { type: 'postback', title, payload: payload ?? title };
}

export function parseButtons(items: unknown[]): CanonicalButton[] {
  return items.map(parseButton).filter((button): button is CanonicalButton => button !== undefined);
}

/**
 * Quick replies with their prompt. A `phone_number` quick reply is a call link, which a Genesys quick reply cannot
 * carry, so a set that contains one stays buttons (postback + phone) and degrades like buttons do.
 */
export function quickRepliesOutput(text: string, items: unknown[]): CanonicalOutput[] {
  const parsed = items.flatMap((item) => {
    const button = parseButton(item);
    return button ? [{ button, imageUrl: firstStringAt(item, 'imageUrl', 'image_url') }] : [];
  });
  if (parsed.length === 0) return textOutput(text);
  const options: CanonicalOption[] = parsed.flatMap(({ button, imageUrl }) =>
    button.type === 'postback' ? [compact({ title: button.title, payload: button.payload, imageUrl })] : [],
  );
  if (options.length < parsed.length) return [{ kind: 'buttons', text, buttons: parsed.map(({ button }) => button) }];
  return [{ kind: 'quick-replies', text, options }];
}

/** Buttons with their prompt; a button set that parses to nothing leaves only the prompt. */
export function buttonsOutput(text: string, items: unknown[]): CanonicalOutput[] {
  const buttons = parseButtons(items);
  return buttons.length === 0 ? textOutput(text) : [{ kind: 'buttons', text, buttons }];
}

/** A gallery/carousel element or list item; items without a title are skipped (a Genesys card needs one). */
export function parseCard(item: unknown): CanonicalCard | undefined {
  const title = stringAt(item, 'title');
  if (title === undefined) return undefined;
  return compact({
    title,
    subtitle: stringAt(item, 'subtitle'),
    imageUrl: firstStringAt(item, 'imageUrl', 'image_url'),
    defaultActionUrl: stringAt(item, 'defaultActionUrl') ?? stringAt(recordAt(item, 'default_action'), 'url'),
    buttons: parseButtons(arrayAt(item, 'buttons')),
  });
}

export function parseCards(items: unknown[]): CanonicalCard[] {
  return items.map(parseCard).filter((card): card is CanonicalCard => card !== undefined);
}

export function textOutput(text: string | undefined): CanonicalOutput[] {
  return text === undefined || text.trim() === '' ? [] : [{ kind: 'text', text }];
}
