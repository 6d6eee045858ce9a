import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

/**
 * One Genesys Bot Connector (v1) or Digital Bot Connector (v2) integration served by us: how Genesys
 * authenticates to us, which bot platform answers, and the Architect-facing behaviour. `settings` is
 * validated by the bot-connector app; `secretsSealed` is one sealed JSON object (verify tokens, JWT
 * secrets, platform keys).
 */
@Entity({ name: 'bot_connectors' })
@Index('uq_bot_connectors_name', ['name'], { unique: true })
export class BotConnectorEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The Genesys org (OAuth client) used for v2 replies and bot-list registration. */
  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @ManyToOne(() => ConnectionEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'fk_bot_connectors_connection' })
  connection?: ConnectionEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'simple-json' })
  settings!: Record<string, unknown>;

  @Column({ name: 'secrets', type: 'text' })
  secretsSealed!: string;

  /**
   * Secret lists in `secrets` are current-first (`verifyTokens`, `jwtSecrets`); after this instant only their first
   * entry is read, so a rotated-out credential stops working when its grace period ends. Null = no expiry.
   */
  @Column({ name: 'secrets_previous_valid_until', type: Date, nullable: true })
  secretsPreviousValidUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
