import type { AuditChanges } from './audit-log.repository';

/** What the audit log says happened to a field: never its value. */
export type FieldChange = 'set' | 'changed' | 'removed' | 'rotated';

const PLAIN_FIELDS = ['name', 'genesysRegion', 'genesysApiBaseUrl', 'genesysLoginBaseUrl', 'genesysClientId', 'openMessagingIntegrationId', 'botConnectorIntegrationId', 'botPlatform'] as const;

export interface ChangeInput {
  name?: string;
  genesysRegion?: string;
  genesysApiBaseUrl?: string | null;
  genesysLoginBaseUrl?: string | null;
  genesysClientId?: string;
  openMessagingIntegrationId?: string | null;
  botConnectorIntegrationId?: string | null;
  botPlatform?: string;
  botPlatformSettings?: Record<string, unknown>;
  genesysClientSecret?: string;
  webhookSecret?: string | null;
  botPlatformSecrets?: Record<string, unknown>;
}

/**
 * The audit record of a create (`before` absent) or an update: a flat map of field paths
 * (`genesysRegion`, `botPlatformSettings.sendProfile`, `botPlatformSecrets.urlToken`) to what happened. Values are
 * never included, so neither a secret nor a setting someone mistook for a non-secret can reach the audit log.
 */
export function connectionChanges(after: ChangeInput, before?: { botPlatformSettings: Record<string, unknown> }): AuditChanges {
  const changes: Record<string, FieldChange> = {};
  const written = (value: unknown): FieldChange => (value === null || value === undefined || value === '' ? 'removed' : before ? 'changed' : 'set');
  for (const field of PLAIN_FIELDS) {
    if (after[field] !== undefined && !(before === undefined && after[field] === null)) changes[field] = written(after[field]);
  }
  if (after.botPlatformSettings !== undefined) {
    const old = before?.botPlatformSettings ?? {};
    const keys = new Set([...Object.keys(old), ...Object.keys(after.botPlatformSettings)]);
    for (const key of [...keys].sort()) {
      const was = old[key];
      const is = after.botPlatformSettings[key];
      if (JSON.stringify(was) === JSON.stringify(is)) continue;
      changes[`botPlatformSettings.${key}`] = is === undefined ? 'removed' : was === undefined ? 'set' : 'changed';
    }
  }
  if (after.genesysClientSecret !== undefined) changes['genesysClientSecret'] = 'set';
  if (after.webhookSecret !== undefined && !(before === undefined && after.webhookSecret === null)) changes['webhookSecret'] = after.webhookSecret ? 'set' : 'removed';
  for (const [key, value] of Object.entries(after.botPlatformSecrets ?? {})) changes[`botPlatformSecrets.${key}`] = value === null ? 'removed' : 'set';
  return changes;
}

/** Names under which secrets are tracked in `secrets_meta`. */
export function secretNamesOf(state: { genesysClientSecret: boolean; webhookSecret: boolean; botPlatformSecretKeys: readonly string[] }): string[] {
  return [
    ...(state.genesysClientSecret ? ['genesysClientSecret'] : []),
    ...(state.webhookSecret ? ['webhookSecret'] : []),
    ...state.botPlatformSecretKeys.map((key) => `botPlatformSecrets.${key}`),
  ];
}
