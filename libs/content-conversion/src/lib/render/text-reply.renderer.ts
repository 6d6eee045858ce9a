import { type CanonicalButton, type CanonicalCard, type CanonicalOption, type CanonicalOutput } from '../canonical';
import { type ReplyMessage } from '../genesys/genesys-reply.types';
import { Degradation, quoteAll } from './degradation';
import { type RenderContext } from './render-context';

export type LinkButton = Exclude<CanonicalButton, { type: 'postback' }>;

export function isLinkButton(button: CanonicalButton): button is LinkButton {
  return button.type !== 'postback';
}

/**
 * Whether a button is shown as a "Title: target" line instead of a card action in rich mode: a phone button always
 * (a card `Link` takes an http(s) URL, so no `tel:` actions), a URL button when `allowUrlButtons` is false.
 */
export function isTextLineButton(button: CanonicalButton, allowUrlButtons: boolean): button is LinkButton {
  return button.type === 'phone' || (button.type === 'url' && !allowUrlButtons);
}

/**
 * Warns for buttons shown as text lines: `url-button-as-text` for the URL ones, `phone-button-as-text` for the phone
 * ones, each listing the titles after `label` (e.g. `card "Laptop": `).
 */
export function warnTextLineButtons(buttons: readonly LinkButton[], context: RenderContext, label = ''): void {
  const rules = [
    ['url', Degradation.UrlButtonAsText],
    ['phone', Degradation.PhoneButtonAsText],
  ] as const;
  for (const [type, code] of rules) {
    const titles = buttons.filter((button) => button.type === type).map((button) => button.title);
    if (titles.length > 0) context.warn(code, `${label}${quoteAll(titles)}`);
  }
}

/** A URL or phone button as text: `"Website: https://example.com"`, `"Call us: +49 30 1234"`. */
export function linkLine(button: LinkButton): string {
  return `${button.title}: ${button.type === 'url' ? button.url : button.phoneNumber}`;
}

/** The non-blank parts joined by `separator`. */
function joinNonBlank(parts: ReadonlyArray<string | undefined>, separator: string): string {
  return parts.filter((part): part is string => part !== undefined && part.trim() !== '').join(separator);
}

/** Non-blank parts, one per line. */
export function joinLines(parts: ReadonlyArray<string | undefined>): string {
  return joinNonBlank(parts, '\n');
}

/** A Text reply, or nothing for blank text. */
export function textReply(text: string | undefined): ReplyMessage[] {
  return text === undefined || text.trim() === '' ? [] : [{ type: 'Text', text }];
}

/** Unsupported content: its fallback text when it has one, else nothing; a warning either way. */
export function renderUnsupported(
  output: Extract<CanonicalOutput, { kind: 'unsupported' }>,
  context: RenderContext,
): ReplyMessage[] {
  if (output.fallbackText === undefined || output.fallbackText.trim() === '') {
    context.warn(Degradation.UnsupportedDropped, `${output.source} dropped (no fallback text)`);
    return [];
  }
  context.warn(Degradation.UnsupportedAsText, `${output.source} shown as its fallback text`);
  return textReply(output.fallbackText);
}

/**
 * Text-only rendering (DEGRADATION.md "Text-only mode"), also used when a prompt has too many choices. Each output
 * becomes at most one Text reply: postbacks are numbered through the context (numbers run on across the turn), URL and
 * phone buttons become "Title: target" lines, cards become blocks (title, subtitle, tap URL, buttons) separated by a
 * blank line, media become "filename: url" or the bare URL under its caption. Images on cards and options are left out.
 */
export function renderAsText(output: CanonicalOutput, context: RenderContext): ReplyMessage[] {
  const optionLine = (option: CanonicalOption): string => context.choose(option.title, option.payload);
  const buttonLine = (button: CanonicalButton): string =>
    isLinkButton(button) ? linkLine(button) : context.choose(button.title, button.payload);
  const cardBlock = (card: CanonicalCard): string =>
    joinLines([card.title, card.subtitle, card.defaultActionUrl, ...card.buttons.map(buttonLine)]);
  const blocks = (parts: ReadonlyArray<string | undefined>): string => joinNonBlank(parts, '\n\n');

  switch (output.kind) {
    case 'text':
      return textReply(output.text);
    case 'quick-replies':
      return textReply(joinLines([output.text, ...output.options.map(optionLine)]));
    case 'buttons':
      return textReply(joinLines([output.text, ...output.buttons.map(buttonLine)]));
    case 'cards':
      return textReply(blocks([output.text, ...output.cards.map(cardBlock)]));
    case 'list':
      return textReply(blocks([output.text, ...output.items.map(cardBlock), output.button && buttonLine(output.button)]));
    case 'media':
      return textReply(joinLines([output.text, output.filename ? `${output.filename}: ${output.url}` : output.url]));
    case 'unsupported':
      return renderUnsupported(output, context);
  }
}
