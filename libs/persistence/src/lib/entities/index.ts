import { BotConnectorEntity } from './bot-connector.entity';
import { BotSessionEntity } from './bot-session.entity';
import { BotTurnEntity } from './bot-turn.entity';
import { ConnectionEntity } from './connection.entity';
import { ConversationSequenceEntity } from './conversation-sequence.entity';
import { HandoverEntity } from './handover.entity';
import { MessageEntity } from './message.entity';

export { BotConnectorEntity, BotSessionEntity, BotTurnEntity, ConnectionEntity, ConversationSequenceEntity, HandoverEntity, MessageEntity };
export { HANDOVER_STATUSES, type HandoverStatus } from './handover.entity';
export type { BotTurnStatus } from './bot-turn.entity';
export * from './message.entity';

/** Listed explicitly (no globs): the same list works from src/ under Jest and from dist/. */
export const ENTITIES = [ConnectionEntity, MessageEntity, ConversationSequenceEntity, BotConnectorEntity, BotSessionEntity, BotTurnEntity, HandoverEntity];
