import { type CanonicalButton, type CanonicalCard } from '../canonical';
import { type GenesysCard, type GenesysCardAction } from '../genesys/genesys-reply.types';
import { compact } from '../json-guards';
import { Degradation, quoteAll } from './degradation';
import { type RenderContext } from './render-context';
import { isTextLineButton, joinLines, linkLine, warnTextLineButtons } from './text-reply.renderer';

/** The buttons that can be Card actions: phone buttons never are (a `Link` takes an http(s) URL, not `tel:`). */
export type CardActionButton = Exclude<CanonicalButton, { type: 'phone' }>;

/** A canonical button as a Card action: postback → `Postback`, url → `Link`. */
export function toGenesysAction(button: CardActionButton): GenesysCardAction {
  switch (button.type) {
    case 'postback':
      return { type: 'Postback', text: button.title, payload: button.payload };
    case 'url':
      return { type: 'Link', text: button.title, url: button.url };
  }
}

/**
 * A canonical card as a Genesys `Card` (genesys-api.md §1.3), within the connector's capabilities:
 * - phone buttons (always) and URL buttons (with `allowUrlButtons=false`) become "Title: target" lines under the
 *   subtitle (the description), in button order; with `allowUrlButtons=false` the tap URL is dropped too;
 * - more actions than `maxCardActions`: the first ones are kept, in order.
 */
export function toGenesysCard(card: CanonicalCard, context: RenderContext): GenesysCard {
  const { allowUrlButtons, maxCardActions } = context.capabilities;
  const label = `card ${JSON.stringify(card.title)}`;
  const asText = card.buttons.filter((button) => isTextLineButton(button, allowUrlButtons));
  warnTextLineButtons(asText, context, `${label}: `);
  const actions = card.buttons
    .filter((button): button is CardActionButton => !isTextLineButton(button, allowUrlButtons))
    .map(toGenesysAction);
  if (actions.length > maxCardActions) {
    const dropped = actions.slice(maxCardActions).map((action) => action.text);
    context.warn(
      Degradation.CardActionOverflow,
      `${label}: dropped ${quoteAll(dropped)} beyond maxCardActions=${maxCardActions}`,
    );
  }
  if (card.defaultActionUrl && !allowUrlButtons) {
    context.warn(Degradation.DefaultActionDropped, `${label}: ${card.defaultActionUrl}`);
  }
  const description = joinLines([card.subtitle, ...asText.map(linkLine)]);
  const tapAction = card.defaultActionUrl;
  return compact({
    title: card.title,
    description: description === '' ? undefined : description,
    image: card.imageUrl,
    defaultAction: tapAction && allowUrlButtons ? { type: 'Link' as const, url: tapAction } : undefined,
    actions: actions.slice(0, maxCardActions),
  });
}

/**
 * "payload+text must be unique across a card/carousel" (genesys-api.md §1.3). An action whose text and payload (for a
 * Link: its URL) repeat an earlier one keeps its payload — the bot could not tell the two apart anyway — and gets a
 * " (2)", " (3)"… suffix on its text, the first free one, scanning cards and actions in order.
 */
export function dedupeActions(cards: readonly GenesysCard[], context: RenderContext): GenesysCard[] {
  const used = new Set<string>();
  const keyOf = (text: string, action: GenesysCardAction): string =>
    JSON.stringify([text, action.payload ?? action.url ?? '']);
  return cards.map((card) => ({
    ...card,
    actions: card.actions.map((action) => {
      let text = action.text;
      for (let n = 2; used.has(keyOf(text, action)); n++) text = `${action.text} (${n})`;
      used.add(keyOf(text, action));
      if (text === action.text) return action;
      context.warn(Degradation.DuplicateActionRenamed, `${JSON.stringify(action.text)} → ${JSON.stringify(text)}`);
      return { ...action, text };
    }),
  }));
}
