import { cognigyNotifyBody } from './cognigy-notify.body';

const IDS = { userId: 'user-1', sessionId: 'session-1' };
const EXTRA = { messageId: 'g-1', from: { type: 'agent' } };
const defaultOf = (body: ReturnType<typeof cognigyNotifyBody>) => (body?.data['_cognigy'] as { _default: Record<string, unknown> })._default;

describe('cognigyNotifyBody', () => {
  it('sends text as text, with the Genesys message id in data.genesys', () => {
    expect(cognigyNotifyBody({ kind: 'text', text: 'Hi there' }, IDS, EXTRA)).toEqual({ ...IDS, text: 'Hi there', data: { genesys: EXTRA } });
  });

  it('uses the default channel formats for quick replies, buttons, cards and lists', () => {
    const quick = cognigyNotifyBody({ kind: 'quick-replies', text: 'Billing?', options: [{ title: 'Yes', payload: 'YES', imageUrl: 'https://i/y.png' }] }, IDS, EXTRA);
    expect(quick?.text).toBe('Billing?');
    expect(defaultOf(quick)['_quickReplies']).toEqual({
      type: 'quick_replies',
      text: 'Billing?',
      quickReplies: [{ id: 1, contentType: 'postback', title: 'Yes', payload: 'YES', imageUrl: 'https://i/y.png' }],
    });

    const buttons = cognigyNotifyBody(
      {
        kind: 'buttons',
        text: 'Help',
        buttons: [
          { type: 'url', title: 'Docs', url: 'https://example.com' },
          { type: 'phone', title: 'Call', phoneNumber: '+15550100' },
          { type: 'postback', title: 'Agent', payload: 'AGENT' },
        ],
      },
      IDS,
      EXTRA,
    );
    expect(defaultOf(buttons)['_buttons']).toEqual({
      type: 'buttons',
      text: 'Help',
      buttons: [
        { type: 'web_url', title: 'Docs', url: 'https://example.com', target: '_blank' },
        { type: 'phone_number', title: 'Call', payload: '+15550100' },
        { type: 'postback', title: 'Agent', payload: 'AGENT' },
      ],
    });

    const cards = cognigyNotifyBody({ kind: 'cards', cards: [{ title: 'A', buttons: [] }, { title: 'B', subtitle: 'b', imageUrl: 'https://i/b.png', buttons: [] }] }, IDS, EXTRA);
    expect(cards?.text).toBe('A\nB');
    expect(defaultOf(cards)['_gallery']).toEqual({
      type: 'carousel',
      items: [
        { title: 'A', subtitle: '', imageUrl: '', buttons: [] },
        { title: 'B', subtitle: 'b', imageUrl: 'https://i/b.png', buttons: [] },
      ],
    });

    const list = cognigyNotifyBody({ kind: 'list', text: 'Pick', items: [{ title: 'One', buttons: [] }], button: { type: 'postback', title: 'More', payload: 'MORE' } }, IDS, EXTRA);
    expect(defaultOf(list)['_list']).toEqual({
      type: 'list',
      items: [{ title: 'One', subtitle: '', imageUrl: '', buttons: [] }],
      button: { type: 'postback', title: 'More', payload: 'MORE' },
    });
  });

  it('sends images, videos and audio as default blocks and files as data.attachments', () => {
    expect(defaultOf(cognigyNotifyBody({ kind: 'media', mediaType: 'Image', url: 'https://d/x.png', text: 'Look' }, IDS, EXTRA))).toEqual({
      _image: { type: 'image', imageUrl: 'https://d/x.png' },
    });
    expect(defaultOf(cognigyNotifyBody({ kind: 'media', mediaType: 'Video', url: 'https://d/v.mp4' }, IDS, EXTRA))).toEqual({ _video: { type: 'video', videoUrl: 'https://d/v.mp4' } });
    expect(defaultOf(cognigyNotifyBody({ kind: 'media', mediaType: 'Audio', url: 'https://d/a.mp3' }, IDS, EXTRA))).toEqual({ _audio: { type: 'audio', audioUrl: 'https://d/a.mp3' } });
    expect(cognigyNotifyBody({ kind: 'media', mediaType: 'File', url: 'https://d/f.pdf', filename: 'f.pdf', text: 'Invoice' }, IDS, EXTRA)).toEqual({
      ...IDS,
      text: 'Invoice',
      data: { attachments: [{ name: 'f.pdf', url: 'https://d/f.pdf', type: 'file', caption: 'Invoice' }], genesys: EXTRA },
    });
  });

  it('shows an unsupported output by its fallback text, or not at all', () => {
    expect(cognigyNotifyBody({ kind: 'unsupported', source: 'genesys:Notification', fallbackText: 'Order shipped' }, IDS, EXTRA)?.text).toBe('Order shipped');
    expect(cognigyNotifyBody({ kind: 'unsupported', source: 'genesys:DatePicker' }, IDS, EXTRA)).toBeUndefined();
  });
});
