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
export type { AgentHandle, JoinOptions, SendOptions } from './agent/agent-desk';
export type { OAuthClientInput, OAuthClient } from './auth/oauth-client.model';
export type * from './bot-connector/bot-connector.model';
export type { BotConnectorHandle, DigitalBotConnectorHandle, BotServiceResult } from './bot-connector/bot-connector.service';
export type { BotSessionHandle, BotSessionInput } from './bot-connector/bot-session';
export type { DigitalBotSessionInput } from './bot-connector/digital-bot-connector-session';
export type { DigitalBot, DigitalBotVersion } from './bot-connector/digital-bot.validator';
export type { FieldError } from './support/field-errors';
export type { Integration, IntegrationInput } from './integrations/integration.model';
export type { Queue, QueueInput, Skill, SkillInput, Language, LanguageInput } from './routing/routing.model';
export type { Conversation, Participant, TranscriptEntry } from './conversations/conversation.model';
export type { StructuredContent, OutboundAttachment, QuickReply, Card } from './messaging/outbound-content';
export type * from './state/sim-state';
export { signWebhookBody, SIGNATURE_HEADER } from './webhook/webhook-signer';
