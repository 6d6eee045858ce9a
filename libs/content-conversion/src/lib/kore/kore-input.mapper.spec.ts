import { toKoreMessage } from './kore-input.mapper';

describe('toKoreMessage', () => {
  it('sends typed text as a text message', () => {
    expect(toKoreMessage({ kind: 'text', text: 'balance please' })).toEqual({ type: 'text', val: 'balance please' });
  });

  it('sends a click as text whose val is the payload, not the label', () => {
    expect(toKoreMessage({ kind: 'postback', text: 'Check balance', payload: 'BALANCE', buttonType: 'Button' })).toEqual({
      type: 'text',
      val: 'BALANCE',
    });
  });
});
