import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type BotTurnStatus = 'processing' | 'answered';

/**
 * One Genesys turn, keyed by its `messageId`: a repeated messageId gets the stored answer instead of
 * a second bot call. For v2 the request is kept so a worker can answer it asynchronously.
 */
@Entity({ name: 'bot_turns' })
@Index('ix_bot_turns_created', ['createdAt'])
export class BotTurnEntity {
  @PrimaryColumn({ name: 'connector_id', type: 'varchar', length: 36 })
  connectorId!: string;

  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 255 })
  messageId!: string;

  @Column({ name: 'bot_session_id', type: 'varchar', length: 255 })
  botSessionId!: string;

  @Column({ name: 'api_version', type: 'varchar', length: 4 })
  apiVersion!: 'v1' | 'v2';

  @Column({ type: 'simple-json' })
  request!: Record<string, unknown>;

  @Column({ type: 'simple-json', nullable: true })
  response!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 16 })
  status!: BotTurnStatus;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
