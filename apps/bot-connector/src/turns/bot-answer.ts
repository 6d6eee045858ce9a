import type { FallbackSettings } from '../connectors/connector-settings';

/** Genesys content item (`{contentType, quickReply|card|carousel|attachment}`), see content-conversion. */
export type GenesysContentItem = { contentType: string } & Record<string, unknown>;

export interface GenesysReplyMessage {
  type: 'Text' | 'Structured';
  text?: string;
  content?: GenesysContentItem[];
}

/** The Bot Connector v1 response body (genesys-api.md §1.3); v2 maps it to OutgoingMessageRequest. */
export interface BotAnswer {
  botState: 'MoreData' | 'Complete' | 'Failed';
  replyMessages: GenesysReplyMessage[];
  intent?: string;
  confidence?: number;
  entities?: { name: string; type: string; value?: string; values?: string[] }[];
  parameters?: Record<string, string>;
  errorInfo?: { errorCode: string; errorMessage: string };
}

export type FallbackReason = 'bot-timeout' | 'bot-error' | 'bot-unavailable';

const ERROR_CODES: Record<FallbackReason, string> = { 'bot-timeout': 'BotTimeout', 'bot-error': 'BotError', 'bot-unavailable': 'BotUnavailable' };

/** The configured answer when the bot cannot answer in time: hand over with a reason, or fail the action. */
export function fallbackAnswer(settings: FallbackSettings, reason: FallbackReason, detail: string): BotAnswer {
  const replyMessages: GenesysReplyMessage[] = settings.message ? [{ type: 'Text', text: settings.message }] : [];
  if (settings.mode === 'fail') {
    return { botState: 'Failed', replyMessages, errorInfo: { errorCode: ERROR_CODES[reason], errorMessage: detail.slice(0, 500) } };
  }
  return { botState: 'Complete', replyMessages, intent: settings.intent, parameters: { [settings.reasonParameter]: reason } };
}
