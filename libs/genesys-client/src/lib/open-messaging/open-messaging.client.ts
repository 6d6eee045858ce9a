import { encodePathSegment, type GenesysApiTransport, type GenesysCallOptions } from '../http/genesys-api.transport';
import {
  type OpenInboundEvent,
  type OpenInboundMessage,
  type OpenInboundReceipt,
  type OpenInboundStructuredResponse,
  type OpenMessageNormalizedMessage,
  type OpenNormalizedResponse,
} from './open-messaging.types';

export interface SendInboundMessageOptions extends GenesysCallOptions {
  /** Ask Genesys to return the `conversationId` (§2.3). */
  prefetchConversationId?: boolean;
}

/** Open Messaging inbound endpoints, middleware → Genesys (genesys-api.md §2.3). */
export class OpenMessagingClient {
  constructor(private readonly transport: GenesysApiTransport) {}

  async sendInboundMessage(
    integrationId: string,
    message: OpenInboundMessage,
    options: SendInboundMessageOptions = {},
  ): Promise<OpenMessageNormalizedMessage> {
    assertFlatTopLevelMetadata(message);
    const response = await this.transport.request<OpenMessageNormalizedMessage>({
      method: 'POST',
      path: `${inboundPath(integrationId)}/message`,
      query: options.prefetchConversationId ? { prefetchConversationId: true } : undefined,
      body: message,
      correlationId: options.correlationId,
    });
    // These endpoints answer with a body; an empty one still yields an object, never undefined.
    return response ?? {};
  }

  async sendInboundEvent(integrationId: string, event: OpenInboundEvent, options: GenesysCallOptions = {}): Promise<OpenNormalizedResponse> {
    return (await this.post(`${inboundPath(integrationId)}/event`, event, options)) ?? {};
  }

  async sendInboundReceipt(integrationId: string, receipt: OpenInboundReceipt, options: GenesysCallOptions = {}): Promise<OpenNormalizedResponse> {
    return (await this.post(`${inboundPath(integrationId)}/receipt`, receipt, options)) ?? {};
  }

  async sendStructuredResponse(
    integrationId: string,
    response: OpenInboundStructuredResponse,
    options: GenesysCallOptions = {},
  ): Promise<OpenNormalizedResponse> {
    return (await this.post(`${inboundPath(integrationId)}/structured/response`, response, options)) ?? {};
  }

  private post(path: string, body: unknown, options: GenesysCallOptions): Promise<OpenNormalizedResponse | undefined> {
    return this.transport.request<OpenNormalizedResponse>({ method: 'POST', path, body, correlationId: options.correlationId });
  }
}

function inboundPath(integrationId: string): string {
  return `/api/v2/conversations/messages/${encodePathSegment(integrationId)}/inbound/open`;
}

/** Genesys answers 400 to a nested top-level `metadata` (§2.4); catch it before sending, also for untyped callers. */
function assertFlatTopLevelMetadata(message: OpenInboundMessage): void {
  const metadata: Record<string, unknown> | undefined = message.metadata;
  if (!metadata) return;
  if ('customAttributes' in metadata) {
    throw new TypeError('Open Messaging custom attributes belong in channel.metadata.customAttributes, not top-level metadata');
  }
  const nested = Object.keys(metadata).filter((key) => typeof metadata[key] !== 'string');
  if (nested.length) throw new TypeError(`Open Messaging top-level metadata values must be strings: ${nested.join(', ')}`);
}
