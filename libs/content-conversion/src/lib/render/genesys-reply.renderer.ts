import { type CanonicalCard, type CanonicalOption, type CanonicalOutput } from '../canonical';
import { type GenesysCard, type GenesysContent, type ReplyMessage } from '../genesys/genesys-reply.types';
import { compact } from '../json-guards';
import { type ConnectorCapabilities, Degradation, quoteAll, resolveCapabilities } from './degradation';
import { dedupeActions, toGenesysCard } from './genesys-card.mapper';
import { type NumberedChoice } from './numbered-choice';
import { RenderContext } from './render-context';
import { isLinkButton, joinLines, linkLine, renderAsText, renderUnsupported, textReply } from './text-reply.renderer';

export interface GenesysRenderResult {
  /** The Bot Connector `replyMessages` (genesys-api.md §1.3). */
  replies: ReplyMessage[];
  /** One `"<code>: <detail>"` line per degradation applied (codes in `Degradation`, rules in DEGRADATION.md). */
  warnings: string[];
  /** Options offered as numbered text this turn; keep them for `resolveNumberedChoice` on the next input. */
  choices: NumberedChoice[];
}

/**
 * Renders one bot turn's canonical outputs as Genesys Bot Connector reply messages for a connector with the given
 * capabilities (defaults: `DEFAULT_CAPABILITIES`). With `textOnly`, every output becomes Text with numbered options;
 * otherwise see `renderRich`. Rules and their reasons: DEGRADATION.md.
 */
export function renderGenesysReplies(
  outputs: readonly CanonicalOutput[],
  capabilities: Partial<ConnectorCapabilities> = {},
): GenesysRenderResult {
  const context = new RenderContext(resolveCapabilities(capabilities));
  const render = context.capabilities.textOnly ? renderAsText : renderRich;
  const replies = outputs.flatMap((output) => render(output, context));
  return { replies, warnings: context.warnings, choices: context.choices };
}

/**
 * - text → Text;
 * - quick replies → Structured with QuickReply items, the prompt as the message text;
 * - buttons → like quick replies when all are postbacks, else one Card with Postback/Link actions;
 * - cards → one Card, or a Carousel for several;
 * - list → a Carousel (Genesys has no list type), its list button as a last card;
 * - media → Structured with exactly one Attachment ("if contentType = Attachment only one item is allowed");
 * - unsupported → its fallback text, or nothing.
 */
function renderRich(output: CanonicalOutput, context: RenderContext): ReplyMessage[] {
  switch (output.kind) {
    case 'text':
      return textReply(output.text);
    case 'quick-replies':
      return renderQuickReplies(output, output.text, output.options, context);
    case 'buttons':
      return renderButtons(output, context);
    case 'cards':
      return renderCards(output.text, output.cards, context);
    case 'list': {
      const { items, button } = output;
      const cards = button ? [...items, { title: button.title, buttons: [button] }] : items;
      context.warn(Degradation.ListAsCarousel, `list of ${output.items.length} item(s) shown as cards`);
      return renderCards(output.text, cards, context);
    }
    case 'media': {
      const { mediaType, url, mime, filename, text } = output;
      const attachment = compact({ mediaType, url, mime, filename, text });
      return [structured(undefined, [{ contentType: 'Attachment', attachment }])];
    }
    case 'unsupported':
      return renderUnsupported(output, context);
  }
}

/** Quick replies, or — beyond `maxQuickReplies` — the whole output as numbered text, so no choice is lost. */
function renderQuickReplies(
  whole: CanonicalOutput,
  prompt: string,
  options: readonly CanonicalOption[],
  context: RenderContext,
): ReplyMessage[] {
  const { maxQuickReplies } = context.capabilities;
  if (options.length > maxQuickReplies) {
    context.warn(
      Degradation.ChoiceOverflow,
      `${options.length} choices exceed maxQuickReplies=${maxQuickReplies}; shown as numbered text`,
    );
    return renderAsText(whole, context);
  }
  return [
    structured(
      prompt,
      options.map((option) => ({
        contentType: 'QuickReply',
        quickReply: compact({ text: option.title, payload: option.payload, image: option.imageUrl }),
      })),
    ),
  ];
}

/**
 * Buttons (DEGRADATION.md "Mapping", rules 1 and 4): postbacks only → quick replies; with URL/phone buttons and
 * `allowUrlButtons` → one Card titled with the prompt (numbered text beyond `maxCardActions`); with URL/phone buttons
 * but no URL buttons allowed → "Title: target" lines under the prompt, the postbacks as quick replies.
 */
function renderButtons(output: Extract<CanonicalOutput, { kind: 'buttons' }>, context: RenderContext): ReplyMessage[] {
  const { allowUrlButtons, maxCardActions } = context.capabilities;
  const links = output.buttons.filter(isLinkButton);
  const options = output.buttons.flatMap((button) =>
    isLinkButton(button) ? [] : [{ title: button.title, payload: button.payload }],
  );
  if (links.length === 0) return renderQuickReplies(output, output.text, options, context);
  if (!allowUrlButtons) {
    context.warn(Degradation.UrlButtonAsText, quoteAll(links.map((link) => link.title)));
    const prompt = joinLines([output.text, ...links.map(linkLine)]);
    return options.length === 0 ? textReply(prompt) : renderQuickReplies(output, prompt, options, context);
  }
  if (output.buttons.length > maxCardActions) {
    context.warn(
      Degradation.ChoiceOverflow,
      `${output.buttons.length} buttons exceed maxCardActions=${maxCardActions}; shown as numbered text`,
    );
    return renderAsText(output, context);
  }
  return renderCards(undefined, [{ title: output.text || output.buttons[0].title, buttons: output.buttons }], context);
}

/** Cards → one Card or a Carousel, at most `maxCarouselCards` (the first ones), actions de-duplicated. */
function renderCards(text: string | undefined, cards: readonly CanonicalCard[], context: RenderContext): ReplyMessage[] {
  const { maxCarouselCards } = context.capabilities;
  if (cards.length > maxCarouselCards) {
    const dropped = cards.slice(maxCarouselCards).map((card) => card.title);
    context.warn(Degradation.CarouselOverflow, `dropped ${quoteAll(dropped)} beyond maxCarouselCards=${maxCarouselCards}`);
  }
  const genesysCards = dedupeActions(
    cards.slice(0, maxCarouselCards).map((card) => toGenesysCard(card, context)),
    context,
  );
  if (genesysCards.length === 0) return textReply(text);
  return [structured(text, [cardContent(genesysCards)])];
}

function cardContent(cards: GenesysCard[]): GenesysContent {
  return cards.length === 1 ? { contentType: 'Card', card: cards[0] } : { contentType: 'Carousel', carousel: { cards } };
}

function structured(text: string | undefined, content: GenesysContent[]): ReplyMessage {
  return compact({ type: 'Structured' as const, text: text?.trim() ? text : undefined, content });
}
