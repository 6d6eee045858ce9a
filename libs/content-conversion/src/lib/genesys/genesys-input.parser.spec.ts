import { parseGenesysInput } from './genesys-input.parser';

describe('parseGenesysInput', () => {
  it('reads a Text inputMessage as text', () => {
    expect(parseGenesysInput({ type: 'Text', text: 'I want a cookie' })).toEqual({ kind: 'text', text: 'I want a cookie' });
  });

  it('reads a Structured ButtonResponse as a postback with its type, text and payload', () => {
    const input = parseGenesysInput({
      type: 'Structured',
      text: 'Button Response Text',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Button Response Text', payload: 'cookie' } }],
    });
    expect(input).toEqual({ kind: 'postback', text: 'Button Response Text', payload: 'cookie', buttonType: 'QuickReply' });
    const button = parseGenesysInput({
      type: 'Structured',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'Button', text: 'Book', payload: 'BOOK' } }],
    });
    expect(button).toEqual({ kind: 'postback', text: 'Book', payload: 'BOOK', buttonType: 'Button' });
  });

  it('posts the click text back when the button had no payload', () => {
    const input = parseGenesysInput({
      type: 'Structured',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'QuickReply', text: 'Yes', payload: '' } }],
    });
    expect(input).toEqual({ kind: 'postback', text: 'Yes', payload: 'Yes', buttonType: 'QuickReply' });
  });

  it('falls back to text for Structured input without a ButtonResponse, and for a missing message', () => {
    expect(parseGenesysInput({ type: 'Structured', text: 'hello', content: [{ contentType: 'Attachment' }] })).toEqual({
      kind: 'text',
      text: 'hello',
    });
    expect(parseGenesysInput(undefined)).toEqual({ kind: 'text', text: '' });
  });
});
