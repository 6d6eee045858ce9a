import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

export const HANDOVER_STATUSES = ['starting', 'active', 'ended'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/**
 * One bot-to-agent handover over Open Messaging. Its id is the conversation key of the user → agent
 * outbox rows; the Genesys conversation id arrives with the first delivered message (prefetch).
 */
@Entity({ name: 'handovers' })
@Index('ix_handovers_genesys_conversation', ['connectionId', 'genesysConversationId'])
/** The end-detection backstop: active handovers by how long nothing was heard of their conversation. */
@Index('ix_handovers_end_backstop', ['status', 'lastSignalAt'])
/** One open handover per platform conversation; ended ones stay as history. */
@Index('uq_handovers_open_platform_conversation', ['connectionId', 'platform', 'platformConversationId'], { unique: true, where: `"status" <> 'ended'` })
export class HandoverEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @ManyToOne(() => ConnectionEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'fk_handovers_connection' })
  connection?: ConnectionEntity;

  /** `generic`, `cognigy`, `kore`. */
  @Column({ type: 'varchar', length: 32 })
  platform!: string;

  /** The bot platform's id for the conversation (Cognigy session, Kore user, generic conversation id). */
  @Column({ name: 'platform_conversation_id', type: 'varchar', length: 255 })
  platformConversationId!: string;

  /** Where agent messages go back and how (non-secret; e.g. callback URL, Kore baseUrl + requestId). */
  @Column({ name: 'platform_context', type: 'simple-json' })
  platformContext!: Record<string, unknown>;

  /** The Open Messaging `channel.from` of the customer (id, idType, names). */
  @Column({ type: 'simple-json' })
  customer!: Record<string, unknown>;

  @Column({ name: 'genesys_conversation_id', type: 'varchar', length: 64, nullable: true })
  genesysConversationId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: HandoverStatus;

  /** Participant data sent with the first message (`channel.metadata.customAttributes`). */
  @Column({ type: 'simple-json' })
  attributes!: Record<string, string>;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 64, nullable: true })
  endReason!: string | null;

  /**
   * End detection: when we last heard about the Genesys conversation (an end signal) or looked at it (a check); set
   * when the conversation starts. The backstop checks active handovers whose value is old (issue #6).
   */
  @Column({ name: 'last_signal_at', type: Date, nullable: true })
  lastSignalAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
