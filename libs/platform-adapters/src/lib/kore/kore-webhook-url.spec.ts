import { parseKoreWebhookUrl } from './kore-webhook-url';

describe('parseKoreWebhookUrl', () => {
  it('finds the bot id and builds the poll URL on the same host and prefix', () => {
    const url = parseKoreWebhookUrl('https://bots.kore.ai/chatbot/v2/webhook/st-1234');
    expect(url.botId).toBe('st-1234');
    expect(url.pollUrl('p/1').toString()).toBe('https://bots.kore.ai/chatbot/v2/webhook/st-1234/poll/p%2F1');
  });

  it('keeps a path prefix (on-premises installs behind a proxy)', () => {
    expect(parseKoreWebhookUrl('http://127.0.0.1:9000/kore/chatbot/v2/webhook/st-9/').pollUrl('x').toString()).toBe(
      'http://127.0.0.1:9000/kore/chatbot/v2/webhook/st-9/poll/x',
    );
  });

  it.each(['https://bots.kore.ai/chatbot/hooks/st-1', 'https://bots.kore.ai/chatbot/v2/webhook/', 'nonsense'])('refuses %s', (url) => {
    expect(() => parseKoreWebhookUrl(url)).toThrow(TypeError);
  });
});
