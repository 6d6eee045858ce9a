import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sequence number handed out per conversation; incremented atomically by MessageRepository. */
@Entity({ name: 'conversation_sequences' })
export class ConversationSequenceEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ name: 'conversation_key', type: 'varchar', length: 255 })
  conversationKey!: string;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence!: number;
}
