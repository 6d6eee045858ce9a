import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Per secret name (`genesysClientSecret`, `webhookSecret`, `botPlatformSecrets.<key>`): when it was last written. */
export type SecretsMeta = Record<string, { setAt: string; rotatedAt?: string }>;

/**
 * One tenant's link between a Genesys Cloud org and a bot platform. Secret columns hold
 * `SecretCipher` output only (AES-256-GCM, bound to the row id and column); see ConnectionRepository.
 */
@Entity({ name: 'connections' })
@Index('uq_connections_name', ['name'], { unique: true })
export class ConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'genesys_region', type: 'varchar', length: 64 })
  genesysRegion!: string;

  /** Overrides the region's hosts (the simulator, a proxy); null = derived from the region. */
  @Column({ name: 'genesys_api_base_url', type: 'varchar', length: 500, nullable: true })
  genesysApiBaseUrl!: string | null;

  @Column({ name: 'genesys_login_base_url', type: 'varchar', length: 500, nullable: true })
  genesysLoginBaseUrl!: string | null;

  @Column({ name: 'genesys_client_id', type: 'varchar', length: 200 })
  genesysClientId!: string;

  @Column({ name: 'genesys_client_secret', type: 'text' })
  genesysClientSecretSealed!: string;

  @Column({ name: 'open_messaging_integration_id', type: 'varchar', length: 64, nullable: true })
  openMessagingIntegrationId!: string | null;

  @Column({ name: 'bot_connector_integration_id', type: 'varchar', length: 64, nullable: true })
  botConnectorIntegrationId!: string | null;

  /** Open Messaging outbound webhook signature secret (current). */
  @Column({ name: 'webhook_secret', type: 'text', nullable: true })
  webhookSecretSealed!: string | null;

  /** The secret before the last rotation, still accepted until `webhook_secret_previous_valid_until` (or until cleared when null). */
  @Column({ name: 'webhook_secret_previous', type: 'text', nullable: true })
  webhookSecretPreviousSealed!: string | null;

  /** End of the grace period of the previous webhook secret; null = accepted until it is cleared. */
  @Column({ name: 'webhook_secret_previous_valid_until', type: Date, nullable: true })
  webhookSecretPreviousValidUntil!: Date | null;

  @Column({ name: 'bot_platform', type: 'varchar', length: 32 })
  botPlatform!: string;

  /** Non-secret platform settings (endpoint URLs, header names, time budgets). */
  @Column({ name: 'bot_platform_settings', type: 'simple-json' })
  botPlatformSettings!: Record<string, unknown>;

  /** Secret platform settings (API keys, JWT secrets) as one sealed JSON object. */
  @Column({ name: 'bot_platform_secrets', type: 'text', nullable: true })
  botPlatformSecretsSealed!: string | null;

  /** When each secret was last set or rotated (names only, never values), for the registry's responses. */
  @Column({ name: 'secrets_meta', type: 'simple-json', nullable: true })
  secretsMeta!: SecretsMeta | null;

  /** A disabled connection is refused by the intake endpoints (as if unknown) until it is enabled again. */
  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
