/** A connection's fallback queue, from its non-secret `botPlatformSettings`. */
export interface QueueFallback {
  /** Used as is when set. */
  queueId?: string;
  /** Looked up like any queue name when no id is set; also reported as the queue name. */
  queueName?: string;
}

/**
 * `botPlatformSettings.fallbackQueueId` / `fallbackQueueName` (trimmed strings; anything else is ignored, so a typo
 * never invents a queue), or null when neither is set.
 */
export function queueFallbackOf(settings: Record<string, unknown> | null | undefined): QueueFallback | null {
  const queueId = nonBlank(settings?.['fallbackQueueId']);
  const queueName = nonBlank(settings?.['fallbackQueueName']);
  if (!queueId && !queueName) return null;
  return { ...(queueId ? { queueId } : {}), ...(queueName ? { queueName } : {}) };
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
