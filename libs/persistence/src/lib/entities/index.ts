import { ApiKeyEntity } from './api-key.entity';
import { AuditLogEntity } from './audit-log.entity';
import { BotConnectorEntity } from './bot-connector.entity';
import { BotSessionEntity } from './bot-session.entity';
import { BotTurnEntity } from './bot-turn.entity';
import { ConnectionEntity } from './connection.entity';
import { ConversationSequenceEntity } from './conversation-sequence.entity';
import { HandoverEntity } from './handover.entity';
import { MessageEntity } from './message.entity';

export { ApiKeyEntity, AuditLogEntity, BotConnectorEntity, BotSessionEntity, BotTurnEntity, ConnectionEntity, ConversationSequenceEntity, HandoverEntity, MessageEntity };
export { HANDOVER_STATUSES, type HandoverStatus } from './handover.entity';
export type { BotTurnStatus } from './bot-turn.entity';
export { API_KEY_SCOPES, type ApiKeyScope } from './api-key.entity';
export type { SecretsMeta } from './connection.entity';
export * from './message.entity';

/** Listed explicitly (no globs): the same list works from src/ under Jest and from dist/. */
export const ENTITIES = [ConnectionEntity, MessageEntity, ConversationSequenceEntity, BotConnectorEntity, BotSessionEntity, BotTurnEntity, HandoverEntity, ApiKeyEntity, AuditLogEntity];
