import { setTimeout as sleep } from 'node:timers/promises';
import { type GenesysClient, isGenesysApiError, type NotificationChannel } from '@genesys-bridge/genesys-client';
import type { GenesysRateBudget } from '../delivery-to-genesys/genesys-rate-budget';

/** The owner lost its lease while waiting for the budget: the call was not made. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** What the channel code needs of the Notifications API (a fake in unit tests). */
export interface NotificationsApi {
  createChannel(): Promise<NotificationChannel>;
  channelExists(channelId: string): Promise<boolean>;
  addSubscriptions(channelId: string, topics: readonly string[]): Promise<void>;
  replaceSubscriptions(channelId: string, topics: readonly string[]): Promise<void>;
}

/**
 * The Notifications API calls of one connection, each paid for with a point of its OAuth client's shared budget
 * (subscriptions are API calls like any other: 300 a minute per client, genesys-api.md §8). Waits for the budget
 * while the caller still owns the connection; a 429 that still comes closes the budget for its Retry-After, for every
 * worker. Errors are thrown for the caller to back off.
 */
export class BudgetedNotificationsApi implements NotificationsApi {
  constructor(
    private readonly client: GenesysClient,
    private readonly budget: GenesysRateBudget,
    private readonly oauthClientId: string,
    private readonly stillOwner: () => boolean,
  ) {}

  createChannel(): Promise<NotificationChannel> {
    return this.call(() => this.client.createNotificationChannel());
  }

  channelExists(channelId: string): Promise<boolean> {
    return this.call(() => this.client.notificationChannelExists(channelId));
  }

  async addSubscriptions(channelId: string, topics: readonly string[]): Promise<void> {
    await this.call(() => this.client.addNotificationSubscriptions(channelId, topics));
  }

  async replaceSubscriptions(channelId: string, topics: readonly string[]): Promise<void> {
    await this.call(() => this.client.replaceNotificationSubscriptions(channelId, topics));
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      if (!this.stillOwner()) throw new LeaseLostError('the channel lease was lost before the call');
      const decision = await this.budget.take(this.oauthClientId);
      if (decision.granted) break;
      await sleep(decision.waitMs);
    }
    try {
      return await request();
    } catch (error) {
      if (isGenesysApiError(error) && error.kind === 'rate-limited') {
        await this.budget.closeFor(this.oauthClientId, error.retryAfterMs ?? 1_000).catch(() => undefined);
      }
      throw error;
    }
  }
}
