import { SimHttpError } from '../../shared/sim-http-error';
import { MAX_BOT_MESSAGE_LENGTH, validateSendBotMessage, validateSendUserMessage } from './botkit-sdk-input.validator';

const failure = (action: () => unknown): { status: number; body: unknown } => {
  try {
    action();
  } catch (error) {
    if (error instanceof SimHttpError) return { status: error.status, body: error.body };
  }
  throw new Error('expected a SimHttpError');
};

describe('BotKit SDK bodies', () => {
  it('sendUserMessage shows message, or overrideMessagePayload.body (parsed when a template)', () => {
    expect(validateSendUserMessage({ message: 'Hello from Agent', requestId: '1' })).toEqual({ text: 'Hello from Agent', isTemplate: false });
    const template = { type: 'template', payload: { template_type: 'button', text: 'Pick', buttons: [] } };
    expect(validateSendUserMessage({ message: '', overrideMessagePayload: { body: JSON.stringify(template), isTemplate: true } })).toEqual({
      text: JSON.stringify(template),
      isTemplate: true,
      template,
    });
    expect(validateSendUserMessage({ overrideMessagePayload: { body: 'plain' } })).toEqual({ text: 'plain', isTemplate: false });
  });

  it.each([
    ['no message', {}, 'message is required'],
    ['a blank message', { message: '  ' }, 'message is required'],
    ['a non-string message', { message: 42 }, 'message is required'],
    ['an override without body', { message: 'x', overrideMessagePayload: { isTemplate: false } }, 'overrideMessagePayload.body'],
    ['a non-boolean isTemplate', { overrideMessagePayload: { body: 'x', isTemplate: 'yes' } }, 'isTemplate must be a boolean'],
    ['a template that is not JSON', { overrideMessagePayload: { body: 'not json', isTemplate: true } }, 'must be a JSON object'],
    ['a non-object body', 'text', 'JSON object'],
  ])('sendUserMessage answers 400 for %s', (_case, body, msg) => {
    expect(failure(() => validateSendUserMessage(body))).toEqual({ status: 400, body: { errors: [{ msg: expect.stringContaining(msg), code: 400 }] } });
  });

  it('sendBotMessage takes up to 3000 characters', () => {
    expect(validateSendBotMessage({ message: 'x'.repeat(MAX_BOT_MESSAGE_LENGTH) })).toHaveLength(3000);
    expect(failure(() => validateSendBotMessage({ message: 'x'.repeat(MAX_BOT_MESSAGE_LENGTH + 1) })).status).toBe(400);
    expect(failure(() => validateSendBotMessage({ message: '' })).status).toBe(400);
  });
});
