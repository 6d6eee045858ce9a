import { type CanonicalButton, type CanonicalCard } from '../canonical';
import { type GenesysCard, type GenesysCardAction } from '../genesys/genesys-reply.types';
import { compact } from '../json-guards';
import { Degradation, quoteAll } from './degradation';
import { type RenderContext } from './render-context';
import { isLinkButton, joinLines, linkLine } from './text-reply.renderer';

/** A canonical button as a Card action: postback → `Postback`, url → `Link`, phone → `Link` to `tel:<number>`. */
export function toGenesysAction(button: CanonicalButton): GenesysCardAction {
  switch (button.type) {
    case 'postback':
      return { type: 'Postback', text: button.title, payload: button.payload };
    case 'url':
      return { type: 'Link', text: button.title, url: button.url };
    case 'phone':
      return { type: 'Link', text: button.title, url: `tel:${button.phoneNumber}` };
  }
}

/**
 * A canonical card as a Genesys `Card` (genesys-api.md §1.3), within the connector's capabilities:
 * - `allowUrlButtons=false`: URL/phone buttons become "Title: target" lines under the subtitle (the description) and
 *   the tap URL is dropped;
 * - more actions than `maxCardActions`: the first ones are kept, in order.
 */
export function toGenesysCard(card: CanonicalCard, context: RenderContext): GenesysCard {
  const { allowUrlButtons, maxCardActions } = context.capabilities;
  const label = `card ${JSON.stringify(card.title)}`;
  const asText = allowUrlButtons ? [] : card.buttons.filter(isLinkButton);
  if (asText.length > 0) {
    context.warn(Degradation.UrlButtonAsText, `${label}: ${quoteAll(asText.map((button) => button.title))}`);
  }
  const actions = card.buttons.filter((button) => allowUrlButtons || !isLinkButton(button)).map(toGenesysAction);
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
