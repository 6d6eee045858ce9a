import { newUuid } from '../support/ids';
import { badRequest, notFound } from '../support/genesys-error';
import type { Integration, IntegrationInput } from './integration.model';

/** Genesys rejects signature secrets of 15 characters or fewer (genesys-api.md §2.2). */
export const MIN_SECRET_LENGTH = 16;

export class IntegrationRegistry {
  private readonly integrations = new Map<string, Integration>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  add(input: IntegrationInput): Integration {
    const integration: Integration = {
      id: input.id ?? newUuid(),
      name: input.name,
      outboundNotificationWebhookUrl: input.outboundNotificationWebhookUrl,
      outboundNotificationWebhookSignatureSecretToken: input.outboundNotificationWebhookSignatureSecretToken,
      webhookHeaders: { ...(input.webhookHeaders ?? {}) },
      outboundTypingEnabled: input.outboundTypingEnabled ?? false,
      inboundQueueId: input.inboundQueueId,
      dateCreated: this.now().toISOString(),
    };
    validateIntegration(integration);
    this.integrations.set(integration.id, integration);
    return integration;
  }

  update(id: string, changes: Partial<IntegrationInput>): Integration {
    const current = this.require(id);
    const next: Integration = { ...current, ...withoutUndefined(changes), id: current.id };
    validateIntegration(next);
    this.integrations.set(id, next);
    return next;
  }

  remove(id: string): void {
    this.require(id);
    this.integrations.delete(id);
  }

  get(id: string): Integration | undefined {
    return this.integrations.get(id);
  }

  require(id: string): Integration {
    const integration = this.integrations.get(id);
    if (!integration) throw notFound(`The Open Messaging integration ${id} was not found.`);
    return integration;
  }

  list(): Integration[] {
    return [...this.integrations.values()];
  }
}

function validateIntegration(integration: Integration): void {
  if (typeof integration.name !== 'string' || integration.name.trim() === '') throw badRequest('name is required');
  if (!isHttpUrl(integration.outboundNotificationWebhookUrl)) {
    throw badRequest('outboundNotificationWebhookUrl must be an absolute http(s) URL');
  }
  const secret = integration.outboundNotificationWebhookSignatureSecretToken;
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw badRequest('outboundNotificationWebhookSignatureSecretToken must be longer than 15 characters');
  }
  for (const [name, value] of Object.entries(integration.webhookHeaders)) {
    if (typeof value !== 'string') throw badRequest(`webhookHeaders.${name} must be a string`);
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
