const WEBHOOK_PATH = /^(.*)\/chatbot\/v2\/webhook\/([^/]+)\/?$/;

/** A Kore.ai XO Webhook v2 channel URL, `{host}/chatbot/v2/webhook/{botId}` (bot-platforms.md §B2). */
export interface KoreWebhookUrl {
  webhookUrl: URL;
  botId: string;
  /** `GET {host}/chatbot/v2/webhook/{streamId}/poll/{pollId}`; the stream id is the bot id. */
  pollUrl(pollId: string): URL;
}

export function parseKoreWebhookUrl(webhookUrl: string): KoreWebhookUrl {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    throw new TypeError('KoreWebhookAdapter: webhookUrl is not an absolute URL');
  }
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match) throw new TypeError('KoreWebhookAdapter: webhookUrl must look like {host}/chatbot/v2/webhook/{botId}');
  const [, prefix, encodedBotId] = match;
  return {
    webhookUrl: url,
    botId: decodeURIComponent(encodedBotId),
    pollUrl: (pollId) => new URL(`${prefix}/chatbot/v2/webhook/${encodedBotId}/poll/${encodeURIComponent(pollId)}`, url.origin),
  };
}
