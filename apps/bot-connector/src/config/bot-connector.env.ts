import { IsUrl } from 'class-validator';
import { ServiceEnv } from '@genesys-bridge/config';

export class BotConnectorEnv extends ServiceEnv {
  override PORT: number = 3000;
  override WORKER_HTTP_PORT: number = 9100;

  /** How Genesys reaches this service (printed by the CLI as the Handle Utterance URI to paste). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';
}
