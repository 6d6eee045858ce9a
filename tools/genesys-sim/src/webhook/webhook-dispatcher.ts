import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { FaultOptions, WebhookOptions } from '../config/sim-options';
import type { FaultInjector } from '../faults/fault-injector';
import type { Integration } from '../integrations/integration.model';
import { newUuid } from '../support/ids';
import type { SimState, WebhookAttempt, WebhookDelivery } from '../state/sim-state';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signer';

export interface WebhookDispatcherDeps {
  webhook: () => WebhookOptions;
  faults: () => FaultOptions;
  injector: FaultInjector;
  state: SimState;
  http: Dispatcher;
  /** Called once a delivery has used up its attempts. */
  onGaveUp?: (delivery: WebhookDelivery) => void;
  now?: () => Date;
}

interface ConversationLane {
  queue: WebhookDelivery[];
  running: boolean;
  /** Set while a reordered delivery waits for its successor. */
  wake?: () => void;
}

type AttemptOutcome = WebhookAttempt['outcome'] | 'abandoned';

/**
 * Delivers outbound messages to integrations' webhooks like Genesys: signed raw body, per-attempt timeout,
 * retries on timeout / network error / 429 / 5xx at a fixed interval, none on other 4xx; one conversation's
 * deliveries in creation order (unless `ordering: 'unordered'`); duplicate and reorder faults.
 */
export class WebhookDispatcher {
  private readonly lanes = new Map<string, ConversationLane>();
  private readonly pending = new Set<Promise<void>>();
  private readonly closing = new AbortController();
  private readonly now: () => Date;

  constructor(private readonly deps: WebhookDispatcherDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  enqueue(integration: Integration, conversationId: string, messageId: string, payload: unknown): WebhookDelivery {
    const rawBody = Buffer.from(JSON.stringify(payload), 'utf8');
    const signature = signWebhookBody(
      rawBody,
      integration.outboundNotificationWebhookSignatureSecretToken,
      this.deps.webhook().signaturePrefix,
    );
    const delivery = this.record({
      id: newUuid(),
      messageId,
      conversationId,
      integrationId: integration.id,
      url: integration.outboundNotificationWebhookUrl,
      rawBody: rawBody.toString('utf8'),
      signature,
      headers: { ...withoutReservedHeaders(integration.webhookHeaders), 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signature },
    });
    const lane = this.laneFor(conversationId);
    lane.queue.push(delivery);
    lane.wake?.();
    if (!lane.running) this.track(this.pump(conversationId, lane));
    return delivery;
  }

  /** Resolves once nothing is queued, held, waiting for a retry or in flight. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops retries and aborts requests in flight (their deliveries end as `abandoned`). */
  async close(): Promise<void> {
    this.closing.abort();
    await this.idle();
  }

  private laneFor(conversationId: string): ConversationLane {
    let lane = this.lanes.get(conversationId);
    if (!lane) {
      lane = { queue: [], running: false };
      this.lanes.set(conversationId, lane);
    }
    return lane;
  }

  private async pump(conversationId: string, lane: ConversationLane): Promise<void> {
    lane.running = true;
    try {
      while (lane.queue.length > 0 && !this.closing.signal.aborted) {
        const delivery = lane.queue.shift() as WebhookDelivery;
        if (this.deps.injector.fires(this.deps.faults().webhookReorder)) {
          const successor = lane.queue.shift() ?? (await this.waitForSuccessor(lane));
          if (successor) {
            delivery.reordered = true;
            await this.dispatch(successor);
            await this.dispatch(delivery);
            continue;
          }
        }
        await this.dispatch(delivery);
      }
      for (const abandoned of lane.queue.splice(0)) this.finish(abandoned, 'abandoned');
    } finally {
      lane.running = false;
      if (lane.queue.length === 0) this.lanes.delete(conversationId);
    }
  }

  private waitForSuccessor(lane: ConversationLane): Promise<WebhookDelivery | undefined> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.closing.signal.removeEventListener('abort', done);
        lane.wake = undefined;
        resolve(lane.queue.shift());
      };
      const timer = setTimeout(done, this.deps.webhook().reorderHoldMs);
      this.closing.signal.addEventListener('abort', done);
      lane.wake = done;
    });
  }

  /** In order mode the lane waits for the whole delivery (retries included); otherwise it moves on at once. */
  private dispatch(delivery: WebhookDelivery): Promise<void> {
    const run = this.deliverMaybeTwice(delivery);
    if (this.deps.webhook().ordering === 'per-conversation') return run;
    this.track(run);
    return Promise.resolve();
  }

  private async deliverMaybeTwice(delivery: WebhookDelivery): Promise<void> {
    await this.deliver(delivery);
    if (delivery.status === 'delivered' && this.deps.injector.fires(this.deps.faults().webhookDuplicate)) {
      const { messageId, conversationId, integrationId, url, rawBody, signature, headers } = delivery;
      const copy = { messageId, conversationId, integrationId, url, rawBody, signature, headers };
      await this.deliver(this.record({ ...copy, id: newUuid(), duplicateOf: delivery.id }));
    }
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const isLast = attempt > this.deps.webhook().maxRetries;
      const outcome = await this.attempt(delivery, attempt, isLast);
      if (outcome === 'delivered' || outcome === 'rejected' || outcome === 'abandoned') return this.finish(delivery, outcome);
      if (outcome === 'gave-up') {
        this.finish(delivery, 'gave-up');
        this.deps.onGaveUp?.(delivery);
        return;
      }
      if (!(await this.pause(this.deps.webhook().retryIntervalMs))) return this.finish(delivery, 'abandoned');
    }
  }

  private async attempt(delivery: WebhookDelivery, attempt: number, isLast: boolean): Promise<AttemptOutcome> {
    if (this.closing.signal.aborted) return 'abandoned';
    delivery.status = 'in-flight';
    const { timeoutMs } = this.deps.webhook();
    const timeout = AbortSignal.timeout(timeoutMs);
    const startedAt = this.now().toISOString();
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await request(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.rawBody,
        signal: AbortSignal.any([timeout, this.closing.signal]),
        dispatcher: this.deps.http,
      });
      status = response.statusCode;
      await response.body.dump();
    } catch (caught) {
      if (this.closing.signal.aborted) return 'abandoned';
      error = timeout.aborted ? `timeout after ${timeoutMs} ms` : describeError(caught);
    }
    const outcome = classify(status, isLast);
    const record: WebhookAttempt = {
      deliveryId: delivery.id,
      messageId: delivery.messageId,
      conversationId: delivery.conversationId,
      attempt,
      startedAt,
      durationMs: Math.round(performance.now() - started),
      status,
      error,
      outcome,
    };
    delivery.attempts.push(record);
    this.deps.state.webhookAttempts.push(record);
    return outcome;
  }

  /** Waits between attempts; false when the sim closed meanwhile. */
  private pause(ms: number): Promise<boolean> {
    const signal = this.closing.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private record(fields: Omit<WebhookDelivery, 'status' | 'attempts' | 'enqueuedAt'>): WebhookDelivery {
    const delivery: WebhookDelivery = { ...fields, status: 'queued', attempts: [], enqueuedAt: this.now().toISOString() };
    this.deps.state.webhookDeliveries.push(delivery);
    return delivery;
  }

  private finish(delivery: WebhookDelivery, status: WebhookDelivery['status']): void {
    delivery.status = status;
    delivery.completedAt = this.now().toISOString();
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}

const RESERVED_HEADERS = new Set(['content-type', 'content-length', SIGNATURE_HEADER.toLowerCase()]);

/** Static integration headers cannot replace the body's content type or the signature. */
function withoutReservedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !RESERVED_HEADERS.has(name.toLowerCase())));
}

function classify(status: number | undefined, isLast: boolean): WebhookAttempt['outcome'] {
  if (status !== undefined && status >= 200 && status < 300) return 'delivered';
  const retryable = status === undefined || status === 429 || status >= 500;
  if (!retryable) return 'rejected';
  return isLast ? 'gave-up' : 'will-retry';
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
