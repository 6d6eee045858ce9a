import { ServiceEnv } from '@genesys-bridge/config';

export class BotConnectorEnv extends ServiceEnv {
  override PORT: number = 3000;
  override WORKER_HTTP_PORT: number = 9100;
}
