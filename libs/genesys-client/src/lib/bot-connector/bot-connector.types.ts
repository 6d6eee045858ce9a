// Bot Connector bot list and asynchronous replies (genesys-api.md §1.5, §1.6). Only the fields we use are typed.

export interface BotSlot {
  name: string;
  /** e.g. `String`, `Integer`, `Decimal`, `Duration`, `Boolean`, `Currency`, `Datetime`, `StringCollection`… */
  type: string;
}

export interface BotIntent {
  name: string;
  slots?: Record<string, BotSlot>;
}

export interface BotConnectorBotVersion {
  version: string;
  supportedLanguages?: string[];
  intents?: BotIntent[];
}

export interface BotConnectorBot {
  /** Chosen by us. */
  id: string;
  name: string;
  /** At most 256 characters. */
  description?: string;
  versions: BotConnectorBotVersion[];
}

/** `PUT …/botconnector/{integrationId}/bots` body; at most 50 bots, 50 versions, 50 intents, 50 slots (§1.5). */
export interface BotList {
  chatBots: BotConnectorBot[];
}

export type BotState = 'MoreData' | 'Complete' | 'Failed';

export interface BotEntityValue {
  name: string;
  type: string;
  value?: string;
  values?: string[];
}

/** A reply message; `content` items follow Genesys' ConversationMessageContent (§1.3). */
export interface BotReplyMessage {
  type: 'Text' | 'Structured';
  text?: string;
  content?: Record<string, unknown>[];
}

/** `POST /api/v2/integrations/botconnectors/outgoing/messages` body (OutgoingMessageRequest, §1.6). */
export interface BotConnectorReply {
  botId: string;
  botVersion?: string;
  botSessionId: string;
  /** The turn being answered (IncomingMessageRequest's messageId), for correlation. */
  messageId?: string;
  botState: BotState;
  languageCode?: string;
  replyMessages?: BotReplyMessage[];
  /** Required when `botState` is `Complete`. */
  intent?: string;
  confidence?: number;
  /** The v2 model uses `code`/`message` (v1 uses `errorCode`/`errorMessage`; do not mix, §1.3). */
  errorInfo?: { code: string; message?: string };
  /** Flat string → string. */
  parameters?: Record<string, string>;
  entities?: BotEntityValue[];
}

export interface BotConnectorReplyResponse {
  messageId?: string;
  [field: string]: unknown;
}
