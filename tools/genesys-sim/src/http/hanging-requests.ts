import type { ServerResponse } from 'node:http';

export type HangOutcome = 'released' | 'aborted';

/** Requests held open by the `apiHang` fault until the client gives up, a release timer fires, or the sim closes. */
export class HangingRequests {
  private readonly held = new Set<() => void>();

  hold(response: ServerResponse, releaseAfterMs: number | null): Promise<HangOutcome> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: HangOutcome): void => {
        if (timer) clearTimeout(timer);
        response.off('close', onClose);
        this.held.delete(abort);
        resolve(outcome);
      };
      const onClose = (): void => settle('aborted');
      const abort = (): void => settle('aborted');
      response.once('close', onClose);
      this.held.add(abort);
      if (releaseAfterMs !== null) timer = setTimeout(() => settle('released'), releaseAfterMs);
    });
  }

  get count(): number {
    return this.held.size;
  }

  abortAll(): void {
    for (const abort of [...this.held]) abort();
  }
}
