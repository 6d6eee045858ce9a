import { FieldErrors } from '../support/field-errors';
import { validateBotReply, type BotReplyRules } from './bot-reply.validator';

const V1: BotReplyRules = { dialect: 'v1', intents: ['OrderCookie', 'Escalate'], acceptLowercaseReplyMessages: false };
const V2: BotReplyRules = { ...V1, dialect: 'v2' };

function paths(body: Record<string, unknown>, rules: BotReplyRules = V1): string[] {
  const errors = new FieldErrors();
  const reply = validateBotReply(body, rules, errors);
  if (errors.empty) expect(reply).toBeDefined();
  else expect(reply).toBeUndefined();
  return errors.paths;
}

const attachment = (name: string) => ({
  contentType: 'Attachment',
  attachment: { mediaType: 'Image', url: `https://example.com/${name}.png`, mime: 'image/png', filename: `${name}.png` },
});
const card = (title: string, payload = title) => ({ title, actions: [{ type: 'Postback', text: title, payload }] });

describe('validateBotReply', () => {
  it('accepts the documented §1.3 example with every content type', () => {
    expect(
      paths({
        botState: 'Complete',
        intent: 'OrderCookie',
        confidence: 0.5,
        replyMessages: [
          { type: 'Text', text: 'your cookie is ordered' },
          { type: 'Structured', text: 'What now?', content: [{ contentType: 'QuickReply', quickReply: { text: 'Cookie', payload: 'cookie', action: 'Message' } }] },
          { type: 'Structured', content: [{ contentType: 'Card', card: { ...card('A'), actions: [...card('A').actions, { type: 'Link', text: 'Site', url: 'https://example.com' }] } }] },
          { type: 'Structured', content: [{ contentType: 'Carousel', carousel: { cards: [card('A'), card('B')] } }] },
          { type: 'Structured', content: [attachment('one')] },
        ],
        entities: [
          { name: 'Size', type: 'Integer', value: '12' },
          { name: 'Ingredients', type: 'StringCollection', values: ['flour', 'sugar'] },
          { name: 'Price', type: 'Currency', value: '{"amount":10.5,"code":"USD"}' },
          { name: 'Wait', type: 'Duration', value: 'PT1H30M' },
          { name: 'When', type: 'Datetime', value: '2023-04-15T14:30:00Z' },
        ],
        parameters: { queueName: 'Sales' },
      }),
    ).toEqual([]);
  });

  it.each([
    ['wrong botState casing', { botState: 'moreData' }, ['botState']],
    ['missing botState', {}, ['botState']],
    ['Complete without intent', { botState: 'Complete' }, ['intent']],
    ['intent not in the bot list', { botState: 'Complete', intent: 'OrderPizza' }, ['intent']],
    ['nested parameters', { botState: 'MoreData', parameters: { customer: { tier: 'gold' } } }, ['parameters.customer']],
    ['numeric parameter value', { botState: 'MoreData', parameters: { count: 3 } }, ['parameters.count']],
    ['parameters not an object', { botState: 'MoreData', parameters: ['a'] }, ['parameters']],
    ['two Attachments in one message', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [attachment('a'), attachment('b')] }] }, ['replyMessages[0].content']],
    ['unknown contentType', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'DatePicker', datePicker: {} }] }] }, ['replyMessages[0].content[0].contentType']],
    ['wrong reply type casing', { botState: 'MoreData', replyMessages: [{ type: 'text', text: 'hi' }] }, ['replyMessages[0].type']],
    ['Text without text', { botState: 'MoreData', replyMessages: [{ type: 'Text' }] }, ['replyMessages[0].text']],
    ['QuickReply without payload', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'QuickReply', quickReply: { text: 'x' } }] }] }, ['replyMessages[0].content[0].quickReply.payload']],
    ['Card Link action without url', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'Card', card: { title: 't', actions: [{ type: 'Link', text: 'go' }] } }] }] }, ['replyMessages[0].content[0].card.actions[0].url']],
    ['duplicate carousel postbacks', { botState: 'MoreData', replyMessages: [{ type: 'Structured', content: [{ contentType: 'Carousel', carousel: { cards: [card('A', 'p'), { title: 'B', actions: [{ type: 'Postback', text: 'A', payload: 'p' }] }] } }] }] }, ['replyMessages[0].content[0]']],
    ['entity value of the wrong format', { botState: 'MoreData', entities: [{ name: 'Size', type: 'Integer', value: 'twelve' }] }, ['entities[0].value']],
    ['entity value not a string', { botState: 'MoreData', entities: [{ name: 'Size', type: 'Integer', value: 12 }] }, ['entities[0].value']],
    ['collection entity without values', { botState: 'MoreData', entities: [{ name: 'I', type: 'StringCollection', value: 'x' }] }, ['entities[0].values']],
    ['unknown entity type', { botState: 'MoreData', entities: [{ name: 'S', type: 'integer', value: '1' }] }, ['entities[0].type']],
    ['confidence above 1', { botState: 'MoreData', confidence: 1.5 }, ['confidence']],
    ['v2 errorInfo names in a v1 answer', { botState: 'Failed', errorInfo: { code: 'E', message: 'm' } }, ['errorInfo.code', 'errorInfo.message', 'errorInfo.errorCode']],
  ])('rejects %s', (_name, body, expected) => {
    expect(paths(body)).toEqual(expected);
  });

  it('uses code/message for v2 errorInfo and rejects the v1 names there', () => {
    expect(paths({ botState: 'Failed', errorInfo: { code: 'E1', message: 'boom' } }, V2)).toEqual([]);
    expect(paths({ botState: 'Failed', errorInfo: { errorCode: 'E1', errorMessage: 'boom' } }, V2)).toEqual(['errorInfo.errorCode', 'errorInfo.errorMessage']);
    expect(paths({ botState: 'Failed', errorInfo: { errorCode: 'BotNotFound', errorMessage: 'gone' } }, V1)).toEqual([]);
  });

  it('reads lowercase replymessages only when acceptLowercaseReplyMessages is on (v1)', () => {
    const body = { botState: 'MoreData', replymessages: [{ type: 'Text', text: 'hi' }] };
    expect(paths(body)).toEqual(['replymessages']);
    const errors = new FieldErrors();
    const reply = validateBotReply(body, { ...V1, acceptLowercaseReplyMessages: true }, errors);
    expect(errors.list).toEqual([]);
    expect(reply?.replies).toEqual([{ type: 'Text', text: 'hi' }]);
    expect(paths(body, { ...V2, acceptLowercaseReplyMessages: true })).toEqual(['replymessages']);
  });

  it('skips the bot-list check when the intents are unknown (null)', () => {
    expect(paths({ botState: 'Complete', intent: 'Anything' }, { ...V2, intents: null })).toEqual([]);
  });
});
