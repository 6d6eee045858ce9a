import { parseCognigyOutput } from './cognigy-output.parser';

const withDefault = (block: Record<string, unknown>, text: string | null = null) => ({ text, data: { _cognigy: { _default: block } } });

describe('parseCognigyOutput', () => {
  it('ignores entries that are not objects and entries without text or known blocks', () => {
    expect(parseCognigyOutput(null)).toEqual([]);
    expect(parseCognigyOutput('text')).toEqual([]);
    expect(parseCognigyOutput({ text: null, data: { _cognigy: { _webchat: { message: {} } } } })).toEqual([]);
  });

  it('maps button types: web_url (url, else payload), phone_number (payload), unknown types as postbacks', () => {
    const [output] = parseCognigyOutput(
      withDefault({
        _buttons: {
          text: 'Go',
          buttons: [
            { type: 'web_url', title: 'Site', url: 'https://a.example' },
            { type: 'web_url', title: 'Legacy', payload: 'https://b.example' },
            { type: 'phone_number', title: 'Call', payload: '+1 555' },
            { type: 'something_new', title: 'New', payload: 'NEW' },
            { type: 'postback', payload: 'NO_TITLE' },
            { type: 'web_url', title: 'No target' },
          ],
        },
      }),
    );
    expect(output).toEqual({
      kind: 'buttons',
      text: 'Go',
      buttons: [
        { type: 'url', title: 'Site', url: 'https://a.example' },
        { type: 'url', title: 'Legacy', url: 'https://b.example' },
        { type: 'phone', title: 'Call', phoneNumber: '+1 555' },
        { type: 'postback', title: 'New', payload: 'NEW' },
      ],
    });
  });

  it('keeps only the prompt when no quick reply is usable, and skips cards without a title', () => {
    expect(parseCognigyOutput(withDefault({ _quickReplies: { text: 'Pick', quickReplies: [{ payload: 'x' }] } }))).toEqual([
      { kind: 'text', text: 'Pick' },
    ]);
    expect(parseCognigyOutput(withDefault({ _gallery: { items: [{ subtitle: 'untitled' }] } }))).toEqual([]);
  });

  it('reads several blocks of one _default in a fixed order and skips media without a URL', () => {
    const outputs = parseCognigyOutput(
      withDefault({ _image: { imageUrl: 'https://i.example/a.png' }, _video: { videoAltText: 'no url' }, _quickReplies: { text: 'Q', quickReplies: [{ title: 'A' }] } }),
    );
    expect(outputs.map((output) => output.kind)).toEqual(['quick-replies', 'media']);
  });
});
