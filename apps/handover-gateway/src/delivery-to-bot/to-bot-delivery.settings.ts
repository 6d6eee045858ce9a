import { IsInt, Max, Min } from 'class-validator';

/**
 * Tuning of agent → user delivery (read from the environment by the worker's to-bot module; every value has a
 * default, so nothing needs to be set).
 */
export class ToBotDeliverySettings {
  /**
   * Order key and reorder window. A conversation's pending messages go out in Genesys' send order
   * (`channel.time`, then arrival), and each is held until this long after Genesys sent it, so that an earlier
   * message Genesys delivers a little late (retry, parallel webhook calls) still goes first. 0 = no hold: arrival
   * order among what is pending. Costs at most this much latency per message, less the webhook's own transit time.
   */
  @IsInt()
  @Min(0)
  @Max(30_000)
  TO_BOT_REORDER_WINDOW_MS: number = 1_000;

  /**
   * The second half of the reorder window, measured on our side: each message is also held until this long after
   * the worker first saw it, so a backlog (a slow webhook lane, a busy intake) that delays messages beyond the
   * send-time window does not let a later message overtake an earlier one arriving right behind it. 0 = off.
   */
  @IsInt()
  @Min(0)
  @Max(30_000)
  TO_BOT_ARRIVAL_HOLD_MS: number = 500;

  /** Time budget of one delivery to the bot platform (all requests of one message). Keep it under the queue lock (30 s). */
  @IsInt()
  @Min(100)
  @Max(25_000)
  TO_BOT_SEND_TIMEOUT_MS: number = 10_000;

  /**
   * How many times (1 s apart) a message waits for its handover to be known — the first agent message can race
   * the store of the prefetched conversation id — before it fails with an `InvalidDestination` receipt.
   */
  @IsInt()
  @Min(1)
  @Max(60)
  TO_BOT_HANDOVER_WAIT_ATTEMPTS: number = 5;

  /** Delivery attempts of one message through transient failures (timeouts, 5xx, 429) before it fails for good. */
  @IsInt()
  @Min(1)
  @Max(1_000)
  TO_BOT_MAX_ATTEMPTS: number = 30;

  /** First retry delay after a transient failure; doubles per attempt up to TO_BOT_RETRY_MAX_MS. */
  @IsInt()
  @Min(10)
  @Max(60_000)
  TO_BOT_RETRY_BASE_MS: number = 500;

  @IsInt()
  @Min(10)
  @Max(300_000)
  TO_BOT_RETRY_MAX_MS: number = 30_000;

  /** A typing indicator older than this (since Genesys sent it) is dropped rather than shown late. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  TO_BOT_TYPING_MAX_AGE_MS: number = 5_000;
}
