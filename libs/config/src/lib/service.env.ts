import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, Validate, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { parseKeyring } from '@genesys-bridge/secrets';
import { Sensitive } from './sensitive';

@ValidatorConstraint({ name: 'keyring' })
class KeyringSpec implements ValidatorConstraintInterface {
  private lastProblem = '';
  validate(value: unknown): boolean {
    try {
      parseKeyring(String(value));
      return true;
    } catch (error) {
      this.lastProblem = (error as Error).message;
      return false;
    }
  }
  defaultMessage(): string {
    return `must be keyId:base64Key[,keyId:base64Key…] (${this.lastProblem})`;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The database: what `npm run migrate` needs and nothing more. */
export class DatabaseEnv {
  /** PostgreSQL for production; when unset the processes share the SQLite file at SQLITE_PATH. */
  @Sensitive()
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  SQLITE_PATH: string = './data/genesys-bridge.sqlite';
}

/**
 * Variables every process of every app reads. Apps extend it with their own defaults and settings.
 * Documented in README.md ("Configuration"); keep the two in step.
 */
export class ServiceEnv extends DatabaseEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** BullMQ's Redis. Must run with maxmemory-policy noeviction. */
  @Sensitive()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Prefix of every queue key; the {hash tag} keeps a queue's keys on one Redis Cluster slot. */
  @Matches(/^\{[a-z0-9-]{1,40}\}$/, { message: 'must be a {hash-tag} of lower-case letters, digits and dashes' })
  QUEUE_PREFIX: string = '{genesys-bridge}';

  /** Keyring that encrypts tenant secrets at rest: keyId:base64(32 bytes)[,…]; the first key encrypts. */
  @Sensitive()
  @Validate(KeyringSpec)
  SECRETS_KEYS!: string;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HTTP_PORT: number = 9100;

  /** Queues this worker consumes, comma-separated; empty = every queue of the app. */
  @IsOptional()
  @Matches(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'must be a comma-separated list of queue names' })
  WORKER_QUEUES?: string;

  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** How long SIGTERM waits for in-flight requests and jobs before the process exits anyway. */
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS: number = 25_000;

  /** Time budget of each readiness probe (database, Redis). */
  @IsInt()
  @Min(50)
  READINESS_TIMEOUT_MS: number = 2_000;
}
