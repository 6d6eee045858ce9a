/** A customer turn as Genesys sends it, normalised across Bot Connector v1 and Digital Bot Connector v2. */
export interface GenesysTurn {
  apiVersion: 'v1' | 'v2';
  botId: string;
  botVersion: string;
  botSessionId: string;
  messageId: string;
  inputMessage: { type: string; text?: string; content?: unknown[] };
  languageCode?: string;
  /** Minutes (genesys-api.md §1.2; the v1 unit is UNCONFIRMED and treated the same). */
  botSessionTimeout?: number;
  genesysConversationId?: string;
  parameters?: Record<string, string>;
}
