import type { FieldError } from '../support/field-errors';

/** Credentials tab of a Bot Connector integration: each field name is sent as a header name with its value (§1.1). */
export type BotCredentials = Record<string, string>;

/** "Genesys Bot Connector" integration (v1, §1.1). */
export interface BotConnectorIntegrationInput {
  id?: string;
  name?: string;
  /** Configuration → Properties → Bot Connector Handle Utterance URI. */
  handleUtteranceUri: string;
  credentials?: BotCredentials;
  /** Optional seed for the bot list (same as PUT …/botconnector/{id}/bots). */
  chatBots?: BotConnectorBot[];
}

export interface BotConnectorIntegration {
  kind: 'bot-connector';
  id: string;
  name: string;
  handleUtteranceUri: string;
  credentials: BotCredentials;
  dateCreated: string;
}

/** "Genesys Digital Bot Connector" integration (v2, §1.6): the bot service's base URL (`/bots`, `/messages` below it). */
export interface DigitalBotConnectorIntegrationInput {
  id?: string;
  name?: string;
  baseUrl: string;
  credentials?: BotCredentials;
}

export interface DigitalBotConnectorIntegration {
  kind: 'digital-bot-connector';
  id: string;
  name: string;
  baseUrl: string;
  credentials: BotCredentials;
  dateCreated: string;
}

// ---- Bot list (§1.5) ----

export interface BotSlot {
  name: string;
  type: string;
}

export interface BotIntent {
  name: string;
  slots?: Record<string, BotSlot>;
}

export interface BotConnectorBotVersion {
  version: string;
  supportedLanguages: string[];
  intents: BotIntent[];
}

export interface BotConnectorBot {
  id: string;
  name?: string;
  description?: string;
  versions: BotConnectorBotVersion[];
}

export interface BotList {
  chatBots: BotConnectorBot[];
}

// ---- Messages (§1.2, §1.3) ----

export type BotState = 'MoreData' | 'Complete' | 'Failed';

export interface ButtonResponseInput {
  text: string;
  payload: string;
}

export interface InputMessage {
  type: 'Text' | 'Structured';
  text?: string;
  content?: { contentType: 'ButtonResponse'; buttonResponse: { type: 'QuickReply' | 'Button'; text: string; payload: string } }[];
}

export interface ReplyMessage {
  type: 'Text' | 'Structured';
  text?: string;
  content?: Record<string, unknown>[];
}

export interface BotEntityValue {
  name: string;
  type: string;
  value?: string;
  values?: string[];
}

// ---- Sessions and turns ----

export type BotConnectorKind = 'bot-connector' | 'digital-bot-connector';

/** `invalid`: the bot's answer broke the contract; `loop-detected`: the (UNCONFIRMED) v1 loop guard tripped; `aborted`: the sim closed. */
export type BotTurnStatus = 'ok' | 'invalid' | 'timeout' | 'http-error' | 'loop-detected' | 'aborted';

export type BotSessionState = 'active' | 'complete' | 'failed';

/** What the Architect action saw for one customer turn. */
export interface BotTurnResult {
  status: BotTurnStatus;
  botState?: BotState;
  replies: ReplyMessage[];
  intent?: string;
  confidence?: number;
  parameters?: Record<string, string>;
  entities?: BotEntityValue[];
  errorInfo?: Record<string, string>;
  /** Field paths of the contract violations (empty unless `status` is `invalid` or `loop-detected`). */
  errors: string[];
  /** The same problems with a message each. */
  errorDetails: FieldError[];
  /** The HTTP status that decided the turn (v1: the answer; v2: the ack), when there was one. */
  httpStatus?: number;
  /** Timeout or network failure, in words. */
  error?: string;
  /** HTTP requests made for this turn (2 when `retryOnTimeout` resent it). */
  attempts: number;
  durationMs: number;
  /** The session after this turn. */
  sessionState: BotSessionState;
}

export interface BotHttpAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  status?: number;
  /** Raw answer body (text). */
  responseBody?: string;
  timedOut: boolean;
  error?: string;
}

export interface RejectedReplyRecord {
  receivedAt: string;
  body: unknown;
  errors: FieldError[];
}

export interface BotTurnRecord {
  /** The turn's `messageId`. */
  id: string;
  kind: BotConnectorKind;
  integrationId: string;
  botSessionId: string;
  /** 1-based position in the session. */
  turn: number;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: Record<string, unknown>;
  attempts: BotHttpAttempt[];
  /** The bot's answer as parsed JSON (v1: the HTTP body; v2: the accepted outgoing message). */
  response?: unknown;
  /** v2: outgoing messages for this turn answered with 400. */
  rejectedReplies: RejectedReplyRecord[];
  status: 'pending' | BotTurnStatus;
  result?: BotTurnResult;
  startedAt: string;
  completedAt?: string;
}

export type BotSessionEndReason = 'complete' | 'bot-failed' | Exclude<BotTurnStatus, 'ok'>;

export interface BotSessionRecord {
  botSessionId: string;
  kind: BotConnectorKind;
  integrationId: string;
  botId: string;
  botVersion: string;
  botName?: string;
  languageCode: string;
  botSessionTimeout: number;
  conversationId: string;
  /** Input session variables (flat strings). */
  parameters: Record<string, string>;
  state: BotSessionState;
  endReason?: BotSessionEndReason;
  /** Architect outputs after `Complete`. */
  intent?: string;
  slots?: BotEntityValue[];
  outputParameters?: Record<string, string>;
  turns: number;
  startedAt: string;
  endedAt?: string;
}

/** v2: every POST …/botconnectors/outgoing/messages the sim received. */
export interface BotOutgoingMessageRecord {
  receivedAt: string;
  clientId?: string;
  body: unknown;
  outcome: 'accepted' | 'rejected' | 'late-accepted' | 'late-rejected';
  botSessionId?: string;
  /** The turn it answered (accepted) or arrived too late for. */
  turnMessageId?: string;
  errors: FieldError[];
}

/** v2: GET {base}/bots and GET {base}/bots/{botId} calls. */
export interface BotServiceRequestRecord {
  integrationId: string;
  method: 'GET';
  url: string;
  attempt: BotHttpAttempt;
  status: 'ok' | 'invalid' | 'timeout' | 'http-error' | 'aborted';
  errors: FieldError[];
}
