import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

export const MESSAGE_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_DIRECTIONS = ['to-genesys', 'to-bot'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * The outbox/inbox: every message we accepted, before and after delivery. The database, not Redis,
 * is the source of truth (design.md §4). The unique key (connection, source, provider message id)
 * absorbs webhook retries and replays; `sequence` orders a conversation's messages.
 */
@Entity({ name: 'messages' })
@Unique('uq_messages_provider_message', ['connectionId', 'source', 'providerMessageId'])
@Unique('uq_messages_conversation_sequence', ['connectionId', 'conversationKey', 'sequence'])
@Index('ix_messages_status_created', ['status', 'createdAt'])
export class MessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @ManyToOne(() => ConnectionEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'fk_messages_connection' })
  connection?: ConnectionEntity;

  /** Who gave us the message: `genesys`, `cognigy`, `kore`, `generic`, … */
  @Column({ type: 'varchar', length: 32 })
  source!: string;

  /** The sender's own id for the message (Genesys message id, bot platform message id). */
  @Column({ name: 'provider_message_id', type: 'varchar', length: 255 })
  providerMessageId!: string;

  @Column({ type: 'varchar', length: 16 })
  direction!: MessageDirection;

  /** The conversation the message belongs to on our side (a handover id, a bot session id). */
  @Column({ name: 'conversation_key', type: 'varchar', length: 255 })
  conversationKey!: string;

  @Column({ type: 'integer' })
  sequence!: number;

  /** `text`, `structured`, `typing`, `receipt`, `attachment`, … */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: MessageStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: Date, nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
