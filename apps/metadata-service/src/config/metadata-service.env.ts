import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Sensitive, ServiceEnv } from '@genesys-bridge/config';

export class MetadataServiceEnv extends ServiceEnv {
  override PORT: number = 3002;
  override WORKER_HTTP_PORT: number = 9102;

  /** Delivered and failed messages are deleted this many days after their last change. */
  @IsInt()
  @Min(1)
  @Max(3650)
  MESSAGE_RETENTION_DAYS: number = 30;

  /**
   * An admin API key for every connection, for the first setup and for automation that cannot store a key in the
   * database: create real keys with it (`POST /api-keys` or `npm run api-key`), then unset it. At least 32 characters.
   */
  @Sensitive()
  @IsOptional()
  @Matches(/^[\x21-\x7e]{32,512}$/, { message: 'must be 32 to 512 printable characters without spaces' })
  ADMIN_BOOTSTRAP_KEY?: string;
}
