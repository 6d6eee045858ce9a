import { type CanonicalButton, type CanonicalOutput } from '../canonical';
import { type ConnectorCapabilities } from './degradation';
import { renderGenesysReplies } from './genesys-reply.renderer';

const call: CanonicalButton = { type: 'phone', title: 'Call us', phoneNumber: '+49 30 1234' };
const faq: CanonicalButton = { type: 'url', title: 'FAQ', url: 'https://example.com/faq' };
const postback = (title: string): CanonicalButton => ({ type: 'postback', title, payload: title.toUpperCase() });
const buttons = (...list: CanonicalButton[]): CanonicalOutput => ({ kind: 'buttons', text: 'Help?', buttons: list });

/** Every card action and default action of a render result. */
function cardActionUrls(outputs: CanonicalOutput[], capabilities: Partial<ConnectorCapabilities> = {}): unknown[] {
  const { replies } = renderGenesysReplies(outputs, capabilities);
  return replies
    .flatMap((reply) => reply.content ?? [])
    .flatMap((item) => (item.contentType === 'Card' ? [item.card] : item.contentType === 'Carousel' ? item.carousel.cards : []))
    .flatMap((card) => [...card.actions, ...(card.defaultAction ? [card.defaultAction] : [])])
    .map((action) => action.url)
    .filter((url) => url !== undefined);
}

describe('renderGenesysReplies: phone buttons', () => {
  it('never emits a tel: (or any non-http) Link action', () => {
    const outputs: CanonicalOutput[] = [
      buttons(faq, call, postback('Agent')),
      { kind: 'cards', cards: [{ title: 'Store', buttons: [call, faq] }] },
      { kind: 'list', items: [{ title: 'A', buttons: [] }], button: call },
    ];
    for (const allowUrlButtons of [true, false]) {
      for (const url of cardActionUrls(outputs, { allowUrlButtons })) expect(url).toMatch(/^https?:\/\//);
    }
  });

  it('shows phone-only buttons as Text under the prompt', () => {
    expect(renderGenesysReplies([buttons(call)])).toEqual({
      replies: [{ type: 'Text', text: 'Help?\nCall us: +49 30 1234' }],
      warnings: ['phone-button-as-text: "Call us"'],
      choices: [],
    });
  });

  it('keeps postbacks as quick replies with the phone line under the prompt', () => {
    expect(renderGenesysReplies([buttons(postback('Yes'), call, postback('No'))]).replies).toEqual([
      {
        type: 'Structured',
        text: 'Help?\nCall us: +49 30 1234',
        content: [
          { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'YES' } },
          { contentType: 'QuickReply', quickReply: { text: 'No', payload: 'NO' } },
        ],
      },
    ]);
  });

  it('does not count phone buttons against maxCardActions', () => {
    const result = renderGenesysReplies([buttons(faq, call, postback('Agent'))], { maxCardActions: 2 });
    expect(result.replies).toEqual([
      {
        type: 'Structured',
        content: [
          {
            contentType: 'Card',
            card: {
              title: 'Help?',
              description: 'Call us: +49 30 1234',
              actions: [
                { type: 'Link', text: 'FAQ', url: 'https://example.com/faq' },
                { type: 'Postback', text: 'Agent', payload: 'AGENT' },
              ],
            },
          },
        ],
      },
    ]);
    expect(result.warnings).toEqual(['phone-button-as-text: "Call us"']);
  });

  it('titles a prompt-less card with its first action, not the phone button', () => {
    const result = renderGenesysReplies([{ kind: 'buttons', text: '', buttons: [call, faq] }]);
    expect(result.replies[0].content).toEqual([
      {
        contentType: 'Card',
        card: { title: 'FAQ', description: 'Call us: +49 30 1234', actions: [{ type: 'Link', text: 'FAQ', url: 'https://example.com/faq' }] },
      },
    ]);
  });

  it('renders too many card actions as numbered text, the phone as its line', () => {
    const result = renderGenesysReplies([buttons(faq, call, postback('A'), postback('B'))], { maxCardActions: 2 });
    expect(result.replies).toEqual([{ type: 'Text', text: 'Help?\nFAQ: https://example.com/faq\nCall us: +49 30 1234\n1. A\n2. B' }]);
    expect(result.warnings).toEqual([
      'phone-button-as-text: "Call us"',
      'choice-overflow: 3 buttons exceed maxCardActions=2; shown as numbered text',
    ]);
  });

  it('turns a phone list button into a last card without actions', () => {
    const result = renderGenesysReplies([{ kind: 'list', items: [{ title: 'A', buttons: [] }], button: call }]);
    expect(result.replies[0].content).toEqual([
      {
        contentType: 'Carousel',
        carousel: {
          cards: [
            { title: 'A', actions: [] },
            { title: 'Call us', description: 'Call us: +49 30 1234', actions: [] },
          ],
        },
      },
    ]);
    expect(result.warnings).toEqual(['list-as-carousel: list of 1 item(s) shown as cards', 'phone-button-as-text: card "Call us": "Call us"']);
  });

  it('leaves text-only rendering as it was: phone lines, no warning', () => {
    expect(renderGenesysReplies([buttons(call, postback('Yes'))], { textOnly: true })).toEqual({
      replies: [{ type: 'Text', text: 'Help?\nCall us: +49 30 1234\n1. Yes' }],
      warnings: [],
      choices: [{ number: 1, title: 'Yes', payload: 'YES' }],
    });
  });
});
