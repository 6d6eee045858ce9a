import { request, type Dispatcher } from 'undici';
import type { SimState } from '../state/sim-state';

const FETCH_TIMEOUT_MS = 10_000;

/** Emulates Genesys downloading inbound attachment URLs (only when `fetchInboundAttachments` is on). */
export class AttachmentFetcher {
  private readonly pending = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly http: Dispatcher,
    private readonly state: SimState,
    private readonly now: () => Date = () => new Date(),
  ) {}

  fetchLater(messageId: string, urls: readonly string[]): void {
    for (const url of urls) {
      const work = this.fetchOne(messageId, url);
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    }
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.idle();
  }

  private async fetchOne(messageId: string, url: string): Promise<void> {
    const fetchedAt = this.now().toISOString();
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher: this.http,
        signal: AbortSignal.any([AbortSignal.timeout(FETCH_TIMEOUT_MS), this.closing.signal]),
      });
      await response.body.dump();
      this.state.attachmentFetches.push({ url, messageId, status: response.statusCode, fetchedAt });
    } catch (error) {
      this.state.attachmentFetches.push({ url, messageId, error: error instanceof Error ? error.message : String(error), fetchedAt });
    }
  }
}
