import { ConnectionEntity } from './connection.entity';
import { ConversationSequenceEntity } from './conversation-sequence.entity';
import { MessageEntity } from './message.entity';

export { ConnectionEntity, ConversationSequenceEntity, MessageEntity };
export * from './message.entity';

/** Listed explicitly (no globs): the same list works from src/ under Jest and from dist/. */
export const ENTITIES = [ConnectionEntity, MessageEntity, ConversationSequenceEntity];
