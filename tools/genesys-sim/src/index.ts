export { createGenesysSim, GenesysSim } from './genesys-sim';
export {
  defaultSimOptions,
  resolveSimOptions,
  applyOptionOverrides,
  type GenesysSimOptions,
  type GenesysSimOptionsInput,
  type FaultOptions,
  type FaultTrigger,
  type WebhookOptions,
  type RateLimitSettings,
  type BotConnectorOptions,
  type DigitalBotConnectorOptions,
} from './config/sim-options';
export type { AgentHandle, JoinOptions, SendOptions, WrapUpOptions } from './agent/agent-desk';
export { ACW_TIMEOUT_WRAPUP_CODE } from './agent/after-call-work';
export type { NotificationOptions, DropEventsFault } from './notifications/notification-options';
export type { NotificationsHandle } from './notifications/notification-service';
export type * from './notifications/notification.model';
export { DETAIL_EVENTS, type DetailEvent } from './notifications/topic-catalog';
export type { OAuthClientInput, OAuthClient } from './auth/oauth-client.model';
export type * from './bot-connector/bot-connector.model';
export type { BotConnectorHandle, DigitalBotConnectorHandle, BotServiceResult } from './bot-connector/bot-connector.service';
export type { BotSessionHandle, BotSessionInput } from './bot-connector/bot-session';
export type { DigitalBotSessionInput } from './bot-connector/digital-bot-connector-session';
export type { DigitalBot, DigitalBotVersion } from './bot-connector/digital-bot.validator';
export type { FieldError } from './support/field-errors';
export type { Integration, IntegrationInput } from './integrations/integration.model';
export type { Queue, QueueInput, Skill, SkillInput, Language, LanguageInput } from './routing/routing.model';
export type { Conversation, Participant, TranscriptEntry, Wrapup } from './conversations/conversation.model';
export type { StructuredContent, OutboundAttachment, QuickReply, Card } from './messaging/outbound-content';
export type * from './state/sim-state';
export { signWebhookBody, SIGNATURE_HEADER } from './webhook/webhook-signer';
