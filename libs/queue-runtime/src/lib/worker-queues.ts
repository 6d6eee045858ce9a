export class UnknownWorkerQueueError extends Error {
  override readonly name = 'UnknownWorkerQueueError';
}

/**
 * The queues a worker process consumes: all the app's queues when `WORKER_QUEUES` is empty, else the
 * listed ones. An unknown name stops start-up (a typo must not leave a queue without consumers).
 */
export function selectWorkerQueues<Q extends string>(available: readonly Q[], workerQueues: string | undefined): Q[] {
  const requested = (workerQueues ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (requested.length === 0) return [...available];
  const unknown = requested.filter((name) => !(available as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UnknownWorkerQueueError(`WORKER_QUEUES: unknown queue(s) ${unknown.join(', ')}; this app's workers handle: ${available.join(', ') || '(none yet)'}`);
  }
  return available.filter((name) => requested.includes(name));
}
