import { Pool } from 'undici';

/** Nearest-rank percentiles of a sample, in the sample's unit. */
export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? 0 };
}

export interface OpenLoopRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenLoopResult {
  /** Requests scheduled (= rate × seconds). */
  scheduled: number;
  /** Answered 200. */
  ok: number;
  /** Other statuses and network errors, by status or error code. */
  failures: Record<string, number>;
  /** Scheduled send time → answer fully read, for every answered request (any status), in ms. */
  latencyMs: Percentiles;
  /** How late the generator itself fired requests (fire time − scheduled time), in ms: shows whether it kept up. */
  fireLagMs: Percentiles;
  /** Index of each request answered 200 (what the caller counts as accepted). */
  acceptedIndexes: number[];
  /** Answers per second from the first due time to the last answer: below the rate when the server fell behind. */
  answeredPerSecond: number;
}

/**
 * An open-loop load: request i is due at start + i / rate, whatever happened to the earlier ones (no coordinated
 * omission: a stalled server does not slow the schedule, and each latency is measured from the request's due time, so
 * time spent queued behind a stall counts). `build(i, dueWallMs)` makes request i when it fires.
 */
export class OpenLoop {
  private readonly pool: Pool;

  constructor(origin: string, connections = 256) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  async run(rate: number, seconds: number, build: (index: number, dueWallMs: number) => OpenLoopRequest): Promise<OpenLoopResult> {
    const total = Math.max(1, Math.round(rate * seconds));
    const intervalMs = 1_000 / rate;
    const failures: Record<string, number> = {};
    const latencies: number[] = [];
    const fireLags: number[] = [];
    const acceptedIndexes: number[] = [];
    const inFlight = new Set<Promise<void>>();
    let lastAnswer = 0;
    const startPerf = performance.now() + 20;
    const startWall = Date.now() + 20;

    const fire = (index: number) => {
      const dueOffset = index * intervalMs;
      const due = startPerf + dueOffset;
      fireLags.push(performance.now() - due);
      const request = build(index, startWall + dueOffset);
      const work = this.pool
        .request({ method: 'POST', path: request.path, headers: request.headers, body: request.body })
        .then(async (response) => {
          await response.body.text();
          lastAnswer = performance.now();
          latencies.push(lastAnswer - due);
          if (response.statusCode === 200) acceptedIndexes.push(index);
          else failures[String(response.statusCode)] = (failures[String(response.statusCode)] ?? 0) + 1;
        })
        .catch((error: unknown) => {
          const code = (error as { code?: string }).code ?? (error as Error).name;
          failures[code] = (failures[code] ?? 0) + 1;
        })
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
    };

    await new Promise<void>((resolve) => {
      let next = 0;
      const tick = () => {
        const now = performance.now();
        while (next < total && startPerf + next * intervalMs <= now) fire(next++);
        if (next >= total) return resolve();
        setTimeout(tick, Math.max(0, Math.floor(startPerf + next * intervalMs - performance.now())));
      };
      setTimeout(tick, Math.max(0, startPerf - performance.now()));
    });
    await Promise.all([...inFlight]);
    const answeredPerSecond = latencies.length / (Math.max(1, lastAnswer - startPerf) / 1000);
    return { scheduled: total, ok: acceptedIndexes.length, failures, latencyMs: percentiles(latencies), fireLagMs: percentiles(fireLags), acceptedIndexes, answeredPerSecond };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
