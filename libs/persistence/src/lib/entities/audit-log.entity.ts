import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who changed what in the tenant registry, written in the same transaction as the change. `changes` names fields
 * only: secrets appear as `"set"`, `"rotated"` or `"removed"`, never with a value. No foreign keys, so the trail
 * outlives the keys and connections it mentions.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_connection_at', ['connectionId', 'at'])
@Index('ix_audit_log_at', ['at'])
export class AuditLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: Date })
  at!: Date;

  /** The API key that made the change; null for the bootstrap key and the command line. */
  @Column({ name: 'api_key_id', type: 'varchar', length: 36, nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'api_key_name', type: 'varchar', length: 200 })
  apiKeyName!: string;

  /** e.g. `connection.create`, `connection.update`, `connection.secrets.rotate`, `api-key.revoke`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  changes!: Record<string, unknown> | null;
}
