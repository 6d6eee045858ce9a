import { IsInt, Max, Min } from 'class-validator';

/**
 * Routing lookup settings, read and validated when a process that resolves names starts (handover-gateway HTTP,
 * metadata-service HTTP and worker). Documented in README.md ("Configuration").
 */
export class RoutingLookupEnv {
  /** How long a found queue, skill or language name is trusted; a rename in Genesys shows after at most this long. */
  @IsInt()
  @Min(100)
  ROUTING_CACHE_TTL_MS: number = 300_000;

  /** How long "Genesys does not know this name" is trusted (a queue created meanwhile is found after this). */
  @IsInt()
  @Min(100)
  ROUTING_NEGATIVE_CACHE_TTL_MS: number = 60_000;

  /** How long after its TTL an entry may still answer while Genesys fails (429, 5xx, timeouts); 0 = never. */
  @IsInt()
  @Min(0)
  ROUTING_STALE_IF_ERROR_MS: number = 3_600_000;

  /** How often the metadata-service worker renews used entries; an entry is renewed up to two intervals before it expires. */
  @IsInt()
  @Min(100)
  ROUTING_REFRESH_INTERVAL_MS: number = 30_000;

  /** A lookup that needs Genesys waits at most this long (the request goes on and fills the cache for the next one). */
  @IsInt()
  @Min(100)
  @Max(60_000)
  ROUTING_LOOKUP_TIMEOUT_MS: number = 3_000;
}
