import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** Every wait of the demo is bounded: a step that does not finish in time stops the demo with exit code 1. */
export const STEP_TIMEOUT_MS = 15_000;
/** Four Node.js processes starting at once on a small machine take longer than one step. */
export const STARTUP_TIMEOUT_MS = 30_000;

/** `dist/` (this file runs as dist/tools/demo/src/runtime.js). */
export const DIST_ROOT = resolve(__dirname, '..', '..', '..');
/** The repository root, where the processes run (as under `npm start`). */
export const WORKSPACE_ROOT = dirname(DIST_ROOT);

export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
}

/** A failure the demo explains itself (no stack trace); ends a `waitFor` at once instead of being retried. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
}

/** Polls `condition` until it returns a truthy value; throws `StepTimeoutError` naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | Promise<T>, timeoutMs = STEP_TIMEOUT_MS, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      if (error instanceof DemoError) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new StepTimeoutError(`timed out after ${timeoutMs / 1000} s waiting for ${what}${cause}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
    });
  });
}

const MAX_OUTPUT_CHARS = 200_000;

/** A built entrypoint (`dist/…`) running as a real Node.js process. */
export class NodeProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private text = '';

  constructor(
    readonly name: string,
    script: string,
    env: Record<string, string>,
    /** The port it serves (for the transcript). */
    readonly port: number,
  ) {
    this.child = spawn(process.execPath, [join(DIST_ROOT, script)], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.text += chunk.toString();
      if (this.text.length > MAX_OUTPUT_CHARS) this.text = this.text.slice(-MAX_OUTPUT_CHARS / 2);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((done) => {
      this.child.once('exit', (code, signal) => done(code ?? (signal ? null : 0)));
      this.child.once('error', (error) => {
        this.text += `\n${error.message}`;
        done(null);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.text;
  }

  /** SIGKILL at once (synchronous: usable in an `exit` handler). */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it is still running after `graceMs`. */
  async stop(graceMs = 8_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The last `lines` lines of a text, indented, for error reports. */
export function tail(text: string, lines = 25): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}
