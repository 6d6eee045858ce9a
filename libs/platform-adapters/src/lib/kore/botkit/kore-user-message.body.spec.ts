import type { CanonicalButton, CanonicalCard, CanonicalOutput } from '@genesys-bridge/content-conversion';
import { koreUserMessageFields } from './kore-user-message.body';

/** The Web/Mobile-SDK template a rich output is sent as (`overrideMessagePayload.body`, a JSON string). */
function templateOf(output: CanonicalOutput): unknown {
  const fields = koreUserMessageFields(output);
  expect(fields?.overrideMessagePayload?.isTemplate).toBe(true);
  expect(typeof fields?.overrideMessagePayload?.body).toBe('string');
  return JSON.parse(fields?.overrideMessagePayload?.body ?? 'null');
}

const postback = (n: number): CanonicalButton => ({ type: 'postback', title: `Option ${n}`, payload: `OPT_${n}` });
const card = (n: number, buttons: CanonicalButton[] = []): CanonicalCard => ({ title: `Card ${n}`, buttons });

describe('koreUserMessageFields', () => {
  it('sends text as the message alone, without a template', () => {
    expect(koreUserMessageFields({ kind: 'text', text: 'Hello, Ann here' })).toEqual({ message: 'Hello, Ann here' });
  });

  it('sends quick replies as the quick_replies template, image_url only when there is one', () => {
    const output: CanonicalOutput = {
      kind: 'quick-replies',
      text: 'Which plan?',
      options: [
        { title: 'Basic', payload: 'PLAN_BASIC' },
        { title: 'Pro', payload: 'PLAN_PRO', imageUrl: 'https://img.example/pro.png' },
      ],
    };
    expect(koreUserMessageFields(output)?.message).toBe('Which plan?');
    expect(templateOf(output)).toEqual({
      type: 'template',
      payload: {
        template_type: 'quick_replies',
        text: 'Which plan?',
        quick_replies: [
          { content_type: 'text', title: 'Basic', payload: 'PLAN_BASIC' },
          { content_type: 'text', title: 'Pro', payload: 'PLAN_PRO', image_url: 'https://img.example/pro.png' },
        ],
      },
    });
  });

  it('sends buttons as the button template: postback, web_url and phone_number', () => {
    const output: CanonicalOutput = {
      kind: 'buttons',
      text: 'How can we help?',
      buttons: [
        { type: 'postback', title: 'Billing', payload: 'BILLING' },
        { type: 'url', title: 'Docs', url: 'https://docs.example/help' },
        { type: 'phone', title: 'Call us', phoneNumber: '+15550100' },
      ],
    };
    expect(koreUserMessageFields(output)?.message).toBe('How can we help?');
    expect(templateOf(output)).toEqual({
      type: 'template',
      payload: {
        template_type: 'button',
        text: 'How can we help?',
        buttons: [
          { type: 'postback', title: 'Billing', payload: 'BILLING' },
          { type: 'web_url', title: 'Docs', url: 'https://docs.example/help' },
          { type: 'phone_number', title: 'Call us', payload: '+15550100' },
        ],
      },
    });
  });

  it('sends cards as the carousel template with at most three buttons per element', () => {
    const output: CanonicalOutput = {
      kind: 'cards',
      cards: [
        {
          title: 'Phone X',
          subtitle: '128 GB',
          imageUrl: 'https://img.example/x.png',
          defaultActionUrl: 'https://shop.example/x',
          buttons: [postback(1), postback(2), postback(3), postback(4)],
        },
        card(2),
      ],
    };
    expect(koreUserMessageFields(output)?.message).toBe('Phone X\nCard 2');
    expect(templateOf(output)).toEqual({
      type: 'template',
      payload: {
        template_type: 'carousel',
        elements: [
          {
            title: 'Phone X',
            subtitle: '128 GB',
            image_url: 'https://img.example/x.png',
            default_action: { type: 'web_url', url: 'https://shop.example/x' },
            buttons: [postback(1), postback(2), postback(3)].map((button) => ({ ...button })),
          },
          { title: 'Card 2', buttons: [] },
        ],
      },
    });
  });

  it("uses a cards output's own text as the message when it has one", () => {
    expect(koreUserMessageFields({ kind: 'cards', text: 'Our phones', cards: [card(1)] })?.message).toBe('Our phones');
  });

  it('sends a list as the list template: at most four elements, one button each, and the global button', () => {
    const output: CanonicalOutput = {
      kind: 'list',
      items: [card(1, [postback(11), postback(12)]), card(2, [{ type: 'url', title: 'Open', url: 'https://shop.example/2' }]), card(3), card(4), card(5)],
      button: { type: 'postback', title: 'View More', payload: 'MORE' },
    };
    expect(templateOf(output)).toEqual({
      type: 'template',
      payload: {
        template_type: 'list',
        elements: [
          { title: 'Card 1', buttons: [{ type: 'postback', title: 'Option 11', payload: 'OPT_11' }] },
          { title: 'Card 2', buttons: [{ type: 'web_url', title: 'Open', url: 'https://shop.example/2' }] },
          { title: 'Card 3', buttons: [] },
          { title: 'Card 4', buttons: [] },
        ],
        buttons: [{ type: 'postback', title: 'View More', payload: 'MORE' }],
      },
    });
    // The readable text still names every item, the fifth included.
    expect(koreUserMessageFields(output)?.message).toBe('Card 1\nCard 2\nCard 3\nCard 4\nCard 5');
  });

  it('leaves the global buttons out of a list without one, and uses its text when given', () => {
    const output: CanonicalOutput = { kind: 'list', text: 'Pick one', items: [card(1)] };
    expect(koreUserMessageFields(output)?.message).toBe('Pick one');
    expect(templateOf(output)).toEqual({ type: 'template', payload: { template_type: 'list', elements: [{ title: 'Card 1', buttons: [] }] } });
  });

  it('sends images and videos as their templates, with the caption (or the URL) as message', () => {
    const image: CanonicalOutput = { kind: 'media', mediaType: 'Image', url: 'https://cdn.example/a.png', text: 'The receipt' };
    expect(koreUserMessageFields(image)?.message).toBe('The receipt');
    expect(templateOf(image)).toEqual({ type: 'image', payload: { url: 'https://cdn.example/a.png' } });

    const video: CanonicalOutput = { kind: 'media', mediaType: 'Video', url: 'https://cdn.example/how-to.mp4' };
    expect(koreUserMessageFields(video)?.message).toBe('https://cdn.example/how-to.mp4');
    expect(templateOf(video)).toEqual({ type: 'video', payload: { url: 'https://cdn.example/how-to.mp4' } });
  });

  it('sends audio as a message payload with audioUrl', () => {
    const audio: CanonicalOutput = { kind: 'media', mediaType: 'Audio', url: 'https://cdn.example/note.mp3', text: 'Voice note' };
    expect(koreUserMessageFields(audio)?.message).toBe('Voice note');
    expect(templateOf(audio)).toEqual({ type: 'message', payload: { text: 'Voice note', audioUrl: 'https://cdn.example/note.mp3' } });
    expect(templateOf({ kind: 'media', mediaType: 'Audio', url: 'https://cdn.example/note.mp3' })).toEqual({
      type: 'message',
      payload: { text: '', audioUrl: 'https://cdn.example/note.mp3' },
    });
  });

  it('sends a file as a message payload with fileUrl and name; the message is the caption, the file name, or the URL', () => {
    const named: CanonicalOutput = { kind: 'media', mediaType: 'File', url: 'https://cdn.example/f/123', filename: 'invoice.pdf', mime: 'application/pdf' };
    expect(koreUserMessageFields(named)?.message).toBe('invoice.pdf');
    expect(templateOf(named)).toEqual({ type: 'message', payload: { text: '', fileUrl: 'https://cdn.example/f/123', name: 'invoice.pdf' } });

    const captioned: CanonicalOutput = { kind: 'media', mediaType: 'File', url: 'https://cdn.example/f/123', filename: 'invoice.pdf', text: 'Your invoice' };
    expect(koreUserMessageFields(captioned)?.message).toBe('Your invoice');

    const bare: CanonicalOutput = { kind: 'media', mediaType: 'File', url: 'https://cdn.example/f/123' };
    expect(koreUserMessageFields(bare)?.message).toBe('https://cdn.example/f/123');
    expect(templateOf(bare)).toEqual({ type: 'message', payload: { text: '', fileUrl: 'https://cdn.example/f/123', name: 'file' } });
  });

  it('sends an unsupported output as its fallback text, and nothing without one', () => {
    expect(koreUserMessageFields({ kind: 'unsupported', source: 'genesys:DatePicker', fallbackText: 'Pick a date: …' })).toEqual({ message: 'Pick a date: …' });
    expect(koreUserMessageFields({ kind: 'unsupported', source: 'genesys:DatePicker' })).toBeUndefined();
    expect(koreUserMessageFields({ kind: 'unsupported', source: 'genesys:DatePicker', fallbackText: '' })).toBeUndefined();
  });
});
