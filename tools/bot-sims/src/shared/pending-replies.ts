import type { ServerResponse } from 'node:http';

/** `elapsed`: the wait ran out; `aborted`: the client closed the connection; `closed`: the simulator shut down. */
export type WaitOutcome = 'elapsed' | 'aborted' | 'closed';

/** Requests held open by slow or hanging script rules; all released at once when the simulator closes. */
export class PendingReplies {
  private readonly held = new Set<() => void>();

  /** Waits `ms` (null = until the client or the simulator gives up). */
  wait(response: ServerResponse, ms: number | null): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: WaitOutcome): void => {
        if (timer) clearTimeout(timer);
        response.off('close', onClose);
        this.held.delete(onSimClose);
        resolve(outcome);
      };
      const onClose = (): void => settle('aborted');
      const onSimClose = (): void => settle('closed');
      if (response.destroyed || response.writableEnded) {
        resolve('aborted');
        return;
      }
      response.once('close', onClose);
      this.held.add(onSimClose);
      if (ms !== null) timer = setTimeout(() => settle('elapsed'), ms);
    });
  }

  get count(): number {
    return this.held.size;
  }

  closeAll(): void {
    for (const release of [...this.held]) release();
  }
}
