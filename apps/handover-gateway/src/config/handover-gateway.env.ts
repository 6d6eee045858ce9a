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

  /**
   * End detection (issue #6): how long an agent-leg end (`user.end`) or after-call work (`acw`) waits before the
   * conversation is looked at, so a transfer to another queue or agent has time to show and does not end the handover
   * (Cognigy waits 10 s too). 0 looks at once.
   */
  @IsInt()
  @Min(0)
  END_TRANSFER_DEBOUNCE_MS: number = 10_000;

  /** How often the backstop looks for active handovers without a recent end signal or check. 0 turns it off. */
  @IsInt()
  @Min(0)
  END_BACKSTOP_INTERVAL_MS: number = 60_000;

  /** A handover with no end signal and no check for this long gets a backstop check (`GET` of its conversation). */
  @IsInt()
  @Min(1_000)
  END_BACKSTOP_QUIET_MS: number = 120_000;

  /**
   * At most this many backstop checks per round, all connections together (each is one Genesys request from its OAuth
   * client's budget): with the defaults at most 20 of the 300 requests a minute (docs/end-detection/README.md).
   */
  @IsInt()
  @Min(1)
  END_BACKSTOP_MAX_PER_ROUND: number = 20;
}
