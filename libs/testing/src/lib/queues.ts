import type { Queue } from 'bullmq';
import { waitFor } from './wait-for';

/** Waits until no queue has waiting, active, delayed or prioritized jobs (twenty's helper, simplified). */
export async function waitForQueuesToDrain(queues: readonly Queue[], timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((count) => count > 0)) return false;
      }
      return true;
    },
    { timeoutMs, what: 'queues to drain' },
  );
}
