import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

export const API_KEY_SCOPES = ['admin', 'read-only'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * An admin API key of the metadata service. Only the SHA-256 (hex) of the key is stored: the key itself is shown
 * once when it is created and cannot be read back. `connection_id` null = every connection.
 */
@Entity({ name: 'api_keys' })
@Index('uq_api_keys_key_hash', ['keyHash'], { unique: true })
@Index('ix_api_keys_connection', ['connectionId'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  /** `admin` (read and write) or `read-only`. */
  @Column({ type: 'varchar', length: 16 })
  scope!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @ManyToOne(() => ConnectionEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'fk_api_keys_connection' })
  connection?: ConnectionEntity;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: Date, nullable: true })
  lastUsedAt!: Date | null;
}
