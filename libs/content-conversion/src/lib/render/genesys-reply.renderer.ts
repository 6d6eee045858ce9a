import { type CanonicalCard, type CanonicalOption, type CanonicalOutput } from '../canonical';
import { type GenesysCard, type GenesysContent, type ReplyMessage } from '../genesys/genesys-reply.types';
import { compact } from '../json-guards';
import { type ConnectorCapabilities, Degradation, quoteAll, resolveCapabilities } from './degradation';
import { type CardActionButton, dedupeActions, toGenesysCard } from './genesys-card.mapper';
import { toGenesysAttachment } from './media-attachment';
import { type NumberedChoice } from './numbered-choice';
import { RenderContext } from './render-context';
import {
  isTextLineButton,
  joinLines,
  linkLine,
  renderAsText,
  renderUnsupported,
  textReply,
  warnTextLineButtons,
} from './text-reply.renderer';

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
 * - buttons → quick replies when there is no URL button to show, else one Card with Postback/Link actions; phone
 *   buttons are "Title: number" lines under the prompt either way;
 * - cards → one Card, or a Carousel for several;
 * - list → a Carousel (Genesys has no list type), its list button as a last card;
 * - media → Structured with exactly one Attachment ("if contentType = Attachment only one item is allowed"), its
 *   `mime`/`filename` derived from the URL when the bot gave none;
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
    case 'media':
      return [structured(undefined, [{ contentType: 'Attachment', attachment: toGenesysAttachment(output, context) }])];
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
 * Buttons (DEGRADATION.md "Mapping", rules 1, 4 and 5). Phone buttons (always) and URL buttons (with
 * `allowUrlButtons=false`) become "Title: target" lines under the prompt. The rest:
 * - with a URL button → one Card titled with the prompt, the phone lines as its description, Postback/Link actions
 *   (numbered text beyond `maxCardActions`);
 * - postbacks only → quick replies (numbered text beyond `maxQuickReplies`);
 * - nothing left → the prompt with its lines as Text.
 */
function renderButtons(output: Extract<CanonicalOutput, { kind: 'buttons' }>, context: RenderContext): ReplyMessage[] {
  const { allowUrlButtons, maxCardActions } = context.capabilities;
  const asText = output.buttons.filter((button) => isTextLineButton(button, allowUrlButtons));
  const actions = output.buttons.filter(
    (button): button is CardActionButton => !isTextLineButton(button, allowUrlButtons),
  );
  warnTextLineButtons(asText, context);
  const lines = asText.map(linkLine);
  if (actions.some((button) => button.type === 'url')) {
    if (actions.length > maxCardActions) {
      context.warn(
        Degradation.ChoiceOverflow,
        `${actions.length} buttons exceed maxCardActions=${maxCardActions}; shown as numbered text`,
      );
      return renderAsText(output, context);
    }
    const description = joinLines(lines);
    const card = compact({
      title: output.text || actions[0].title,
      subtitle: description === '' ? undefined : description,
      buttons: actions,
    });
    return renderCards(undefined, [card], context);
  }
  const options = actions.flatMap((button) =>
    button.type === 'postback' ? [{ title: button.title, payload: button.payload }] : [],
  );
  const prompt = joinLines([output.text, ...lines]);
  return options.length === 0 ? textReply(prompt) : renderQuickReplies(output, prompt, options, context);
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
