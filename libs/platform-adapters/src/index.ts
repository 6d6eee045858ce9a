/**
 * Bot platform adapters (no NestJS; apps wrap them): one `sendTurn` per Genesys Bot Connector turn, answering the
 * canonical `BotTurnResult` of `@genesys-bridge/content-conversion`. See the README for handover rules, the generic
 * webhook contract and the SSRF guard.
 */
export { type BotPlatform, type BotPlatformAdapter, type BotTurnRequest } from './lib/bot-platform.adapter';
export { BotPlatformError, isBotPlatformError, type BotPlatformErrorKind, type BotPlatformErrorInit } from './lib/bot-platform.error';
export { createAdapter, type AdapterConfig } from './lib/create-adapter';
export { CognigyRestAdapter, type CognigyRestAdapterOptions } from './lib/cognigy/cognigy-rest.adapter';
export { KoreWebhookAdapter, type KoreWebhookAdapterOptions } from './lib/kore/kore-webhook.adapter';
export { GenericWebhookAdapter, signGenericWebhookBody, type GenericWebhookAdapterOptions } from './lib/generic/generic-webhook.adapter';
export {
  GENERIC_WEBHOOK_REQUEST_SCHEMA,
  GENERIC_WEBHOOK_RESPONSE_SCHEMA,
  GENERIC_WEBHOOK_SIGNATURE_HEADER,
  type GenericWebhookRequest,
  type GenericWebhookResponse,
} from './lib/generic/generic-webhook.contract';
export { validateJson, type JsonSchema } from './lib/generic/json-schema';
export { parseHandoverPayload } from './lib/handover-signal';
export { createPlatformDispatcher, DEFAULT_MAX_RESPONSE_BYTES, type PlatformHttpOptions } from './lib/http/platform-http';
export {
  assertPublicUrl,
  checkUrlStatically,
  createGuardedLookup,
  isPrivateAddress,
  SSRF_BLOCKED,
  UnsafeUrlError,
  type HostResolver,
  type UnsafeUrlReason,
  type UrlGuardOptions,
} from './lib/ssrf-guard';
export {
  partIdempotencyKey,
  type AgentMessage,
  type AgentMessageContent,
  type AgentMessageOrigin,
  type AgentMessageSender,
  type AgentMessageSendResult,
  type HandoverEndedEvent,
  type HandoverEndStatus,
} from './lib/agent-messages/agent-message.sender';
export { GenericCallbackSender, IDEMPOTENCY_KEY_HEADER, type GenericAgentMessage, type GenericCallbackSenderOptions } from './lib/agent-messages/generic-callback.sender';
export { CognigyNotifySender, type CognigyNotifySenderOptions } from './lib/agent-messages/cognigy-notify.sender';
export { cognigyNotifyBody, type CognigyNotifyBody } from './lib/agent-messages/cognigy-notify.body';
export { classifyAgentMessageFailure, type AgentMessageFailure, type AgentMessageFailureReason } from './lib/agent-messages/agent-message-failure';
export { KoreBotKitClient, type KoreBotKitClientOptions } from './lib/kore/botkit/botkit-client';
export { BOTKIT_CALLS, BotKitPayloadError, parseBotKitPayload, type BotKitCall, type BotKitPayload } from './lib/kore/botkit/botkit-payload';
export { BotKitTokenError, signBotKitAuth, verifyBotKitToken, type BotKitTokenProblem } from './lib/kore/botkit/botkit-token';
export { KoreBotKitSender, type KoreBotKitSenderOptions } from './lib/kore/botkit/kore-botkit.sender';
export { koreUserMessageFields, type KoreUserMessageFields } from './lib/kore/botkit/kore-user-message.body';
