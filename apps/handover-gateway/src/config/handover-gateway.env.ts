import { IsInt, Min } from 'class-validator';
import { ServiceEnv } from '@genesys-bridge/config';

export class HandoverGatewayEnv extends ServiceEnv {
  override PORT: number = 3001;
  override WORKER_HTTP_PORT: number = 9101;

  /** How often the sweeper looks for outbox rows whose wake-up job was lost. */
  @IsInt()
  @Min(1_000)
  OUTBOX_SWEEP_INTERVAL_MS: number = 30_000;

  /** A pending row older than this without delivery is woken again. */
  @IsInt()
  @Min(1_000)
  OUTBOX_STALE_AFTER_MS: number = 60_000;

  /**
   * Genesys API requests per minute per OAuth client, shared by every worker process through Redis (Genesys allows
   * 300 per client-credentials token by default; raise both together).
   */
  @IsInt()
  @Min(1)
  GENESYS_RATE_LIMIT_PER_MINUTE: number = 300;

  /**
   * How often the worker calls Kore's `extendcallid` for every open Kore BotKit handover, so the request our agent
   * messages answer stays valid while the user is silent. 0 turns it off.
   */
  @IsInt()
  @Min(0)
  KORE_EXTEND_INTERVAL_MS: number = 300_000;
}
