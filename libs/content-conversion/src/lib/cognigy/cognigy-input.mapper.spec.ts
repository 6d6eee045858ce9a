import { parseGenesysInput } from '../genesys/genesys-input.parser';
import { renderGenesysReplies } from '../render/genesys-reply.renderer';
import { toCognigyInput } from './cognigy-input.mapper';
import { parseCognigyOutput } from './cognigy-output.parser';

describe('toCognigyInput', () => {
  it('passes typed text through with empty data', () => {
    expect(toCognigyInput({ kind: 'text', text: 'hello' })).toEqual({ text: 'hello', data: {} });
  });

  it('sends a click as text = payload and keeps the label and click type in data', () => {
    expect(toCognigyInput({ kind: 'postback', text: 'Large', payload: 'SIZE_L', buttonType: 'QuickReply' })).toEqual({
      text: 'SIZE_L',
      data: { buttonText: 'Large', buttonType: 'QuickReply' },
    });
  });

  it('round-trips a Cognigy quick reply through Genesys back to the payload the Flow defined', () => {
    const [reply] = renderGenesysReplies(
      parseCognigyOutput({
        text: 'Size?',
        data: { _cognigy: { _default: { _quickReplies: { text: 'Size?', quickReplies: [{ contentType: 'postback', title: 'Large', payload: 'SIZE_L' }] } } } },
      }),
    ).replies;
    const offered = reply.content?.[0];
    if (offered?.contentType !== 'QuickReply') throw new Error('expected a quick reply');
    const click = parseGenesysInput({
      type: 'Structured',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', ...offered.quickReply } }],
    });
    expect(toCognigyInput(click).text).toBe('SIZE_L');
  });
});
