import { type GenesysCard } from '../genesys/genesys-reply.types';
import { resolveCapabilities } from './degradation';
import { dedupeActions } from './genesys-card.mapper';
import { RenderContext } from './render-context';

describe('dedupeActions', () => {
  const card = (title: string, ...actions: GenesysCard['actions']): GenesysCard => ({ title, actions });

  it('skips a suffix already taken by another action with the same payload', () => {
    const context = new RenderContext(resolveCapabilities());
    const cards = dedupeActions(
      [
        card('A', { type: 'Postback', text: 'Book', payload: 'BOOK' }, { type: 'Postback', text: 'Book (2)', payload: 'BOOK' }),
        card('B', { type: 'Postback', text: 'Book', payload: 'BOOK' }),
      ],
      context,
    );
    expect(cards.flatMap((c) => c.actions.map((a) => a.text))).toEqual(['Book', 'Book (2)', 'Book (3)']);
    expect(context.warnings).toEqual(['duplicate-action-renamed: "Book" → "Book (3)"']);
  });

  it('treats links with different URLs as different, and the same URL as a duplicate', () => {
    const context = new RenderContext(resolveCapabilities());
    const cards = dedupeActions(
      [
        card('A', { type: 'Link', text: 'Open', url: 'https://a.example' }),
        card('B', { type: 'Link', text: 'Open', url: 'https://b.example' }),
        card('C', { type: 'Link', text: 'Open', url: 'https://a.example' }),
      ],
      context,
    );
    expect(cards.map((c) => c.actions[0].text)).toEqual(['Open', 'Open', 'Open (2)']);
  });
});
