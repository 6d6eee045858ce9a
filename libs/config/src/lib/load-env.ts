import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { isSensitiveVariable } from './sensitive';

export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError';
  constructor(readonly problems: readonly { variable: string; problem: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.problem}`).join('\n')}\n` +
        'Fix the variables above (see README.md, "Configuration") and start again.',
    );
  }
}

type RawEnv = Record<string, string | undefined>;

/**
 * Resolves `NAME_FILE` for every variable marked `@Sensitive()`: the file's content (trailing
 * newline trimmed) becomes `NAME` (Docker/Kubernetes secrets). Other `*_FILE` variables are ignored.
 * Setting both `NAME` and `NAME_FILE` is an error, as is an unreadable file.
 */
export function resolveFileVariables(raw: RawEnv): { env: RawEnv; problems: { variable: string; problem: string }[] } {
  const env: RawEnv = { ...raw };
  const problems: { variable: string; problem: string }[] = [];
  for (const [key, path] of Object.entries(raw)) {
    if (!key.endsWith('_FILE') || !path) continue;
    const variable = key.slice(0, -'_FILE'.length);
    if (!isSensitiveVariable(variable)) continue;
    if (raw[variable] !== undefined && raw[variable] !== '') {
      problems.push({ variable, problem: `set either ${variable} or ${key}, not both` });
      continue;
    }
    try {
      env[variable] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push({ variable: key, problem: `cannot read file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  return { env, problems };
}

function flatten(errors: readonly ValidationError[], prefix = ''): { variable: string; problem: string }[] {
  return errors.flatMap((error) => {
    const variable = `${prefix}${error.property}`;
    // class-validator's default messages name the property and the rule, never the value.
    const rules = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    );
    const own = rules.length > 0 ? [{ variable, problem: rules.reverse().join('; ') }] : [];
    return [...own, ...flatten(error.children ?? [], `${variable}.`)];
  });
}

/**
 * Builds and validates an env class from the process environment. Empty strings count as unset, so
 * defaults apply. Throws `EnvValidationError` naming every bad or missing variable and never its value.
 */
export function loadEnv<T extends object>(envClass: new () => T, raw: RawEnv = process.env): T {
  const { env, problems } = resolveFileVariables(raw);
  const relevant = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '' && value !== undefined));
  const instance = plainToInstance(envClass, relevant, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: false });
  const all = [...problems, ...flatten(errors)];
  if (all.length > 0) throw new EnvValidationError(all);
  return instance; // `whitelist` stripped every variable the class does not declare

}
