import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@genesys-bridge/config';

export class MetadataServiceEnv extends ServiceEnv {
  override PORT: number = 3002;
  override WORKER_HTTP_PORT: number = 9102;

  /** Delivered and failed messages are deleted this many days after their last change. */
  @IsInt()
  @Min(1)
  @Max(3650)
  MESSAGE_RETENTION_DAYS: number = 30;
}
