import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblems, type FieldProblem } from '@genesys-bridge/service-runtime';
import { ConnectorSettings } from './connector-settings';

export class InvalidConnectorSettingsError extends Error {
  override readonly name = 'InvalidConnectorSettingsError';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid connector settings:\n${problems.map((p) => `  - ${p.path}: ${p.problems.join('; ')}`).join('\n')}`);
  }
}

/** Validates connector settings (from a file, the admin API or the database) and fills in defaults. */
export function parseConnectorSettings(raw: unknown): ConnectorSettings {
  const settings = plainToInstance(ConnectorSettings, raw ?? {}, { exposeDefaultValues: true });
  const errors = validateSync(settings, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new InvalidConnectorSettingsError(fieldProblems(errors));
  return settings;
}
