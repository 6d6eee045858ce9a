import { buildOutputEntry, buildRestResponse } from './cognigy-output.builder';

const layout = { nesting: '_cognigy' as const, attachments: 'data' as const, textSeparator: ' ' };
const ids = { userId: 'u', sessionId: 's', traceId: 'endpoint-httpIncomingMessage-1' };
const image = { _image: { type: 'image', imageUrl: 'https://e/x.png' } };

describe('Cognigy output building', () => {
  it('puts the _default block under data._cognigy or data._data._cognigy and keeps raw data beside it', () => {
    const output = { text: 'hi', data: { custom: true }, rich: image };
    expect(buildOutputEntry(output, layout, 't').data).toEqual({ custom: true, _cognigy: { _default: image } });
    expect(buildOutputEntry(output, { ...layout, nesting: '_data' }, 't').data).toEqual({ custom: true, _data: { _cognigy: { _default: image } } });
  });

  it('places attachments per option', () => {
    const attachments = [{ name: 'a.pdf', url: 'https://e/a.pdf', type: 'file' as const }];
    expect(buildOutputEntry({ attachments }, layout, 't').data).toEqual({ attachments });
    expect(buildOutputEntry({ attachments }, { ...layout, attachments: '_attachment' }, 't').data).toEqual({
      _cognigy: { _default: { _attachment: { type: 'attachment', attachments } } },
    });
  });

  it('fills every entry field and uses null text for outputs without text', () => {
    expect(buildOutputEntry({ rich: image }, layout, 'trace')).toEqual({
      text: null,
      data: { _cognigy: { _default: image } },
      traceId: 'trace',
      disableSensitiveLogging: false,
      source: 'bot',
    });
  });

  it('concatenates texts and merges data at the top level', () => {
    const response = buildRestResponse([{ text: 'one', data: { a: 1 } }, { rich: image }, { text: 'two', data: { b: 2 } }], ids, { ...layout, textSeparator: '\n' });
    expect(response.text).toBe('one\ntwo');
    expect(response.data).toEqual({ a: 1, b: 2, _cognigy: { _default: image } });
    expect(response.outputStack).toHaveLength(3);
    expect(buildRestResponse([], ids, layout)).toEqual({ text: null, data: {}, userId: 'u', sessionId: 's', outputStack: [] });
  });
});
