import type { GenesysSimOptionsInput } from '../config/sim-options';
import { createGenesysSim, type GenesysSim } from '../genesys-sim';
import type { Integration, IntegrationInput } from '../integrations/integration.model';
import { SimApiClient } from './sim-api-client';
import { WebhookReceiver } from './webhook-receiver';

export const TEST_CLIENT = { clientId: 'test-client', clientSecret: 'test-client-secret' };
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface SimFixture {
  sim: GenesysSim;
  receiver: WebhookReceiver;
  api: SimApiClient;
  integration: Integration;
  close(): Promise<void>;
}

/** A simulator with one client and one integration pointing at a live local receiver; fast retries for tests. */
export async function startSimFixture(
  options: GenesysSimOptionsInput = {},
  integration: Partial<IntegrationInput> = {},
): Promise<SimFixture> {
  const receiver = await WebhookReceiver.start();
  const sim = await createGenesysSim({
    ...options,
    webhook: { timeoutMs: 1_000, retryIntervalMs: 20, ...options.webhook },
    clients: [TEST_CLIENT],
  });
  const created = sim.addIntegration({
    name: 'test integration',
    outboundNotificationWebhookUrl: receiver.url,
    outboundNotificationWebhookSignatureSecretToken: TEST_WEBHOOK_SECRET,
    ...integration,
  });
  return {
    sim,
    receiver,
    api: new SimApiClient(sim.url, TEST_CLIENT.clientId, TEST_CLIENT.clientSecret),
    integration: created,
    close: async () => {
      await sim.close();
      await receiver.close();
    },
  };
}
