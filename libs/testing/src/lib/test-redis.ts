import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from './processes';
import { waitFor } from './wait-for';

/** The Redis the machine runs; tests isolate themselves with a unique queue prefix. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueQueuePrefix(): string {
  return `{gbtest-${randomBytes(5).toString('hex')}}`;
}

export interface PrivateRedisRestartOptions {
  /** How long Redis stays down between the stop and the start (default 0). */
  downForMs?: number;
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills redis-server (SIGKILL). Safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Kills redis-server (SIGKILL, like a crash) and starts a fresh one on the same port: every key is gone, as after
   * a restart without persistence. Resolves once the new server answers PING.
   */
  restart(options?: PrivateRedisRestartOptions): Promise<void>;
}

/** A private redis-server on a free port, for tests that stop or restart Redis. Nothing is persisted. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await spawnRedis(port, url);
  const stop = () => killRedis(child);
  return {
    url,
    port,
    stop,
    restart: async ({ downForMs = 0 }: PrivateRedisRestartOptions = {}) => {
      await stop();
      if (downForMs > 0) await sleep(downForMs);
      child = await spawnRedis(port, url);
    },
  };
}

async function spawnRedis(port: number, url: string): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], {
    stdio: 'ignore',
  });
  try {
    await waitFor(async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode})`);
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    }, { timeoutMs: 10_000, what: `redis-server on port ${port}` });
  } catch (error) {
    await killRedis(child);
    throw error;
  }
  return child;
}

function killRedis(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
