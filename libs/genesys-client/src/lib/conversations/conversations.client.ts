import { encodePathSegment, type GenesysApiTransport, type GenesysCallOptions } from '../http/genesys-api.transport';
import { type MessageConversation, type ParticipantAttributes } from './conversations.types';

const DISCONNECTED = { state: 'disconnected' } as const;

/** Message conversations: read, participant data, disconnect (genesys-api.md §2.7, §3). */
export class ConversationsClient {
  constructor(private readonly transport: GenesysApiTransport) {}

  getMessageConversation(conversationId: string, options: GenesysCallOptions = {}): Promise<MessageConversation> {
    return this.transport.requestBody<MessageConversation>({
      method: 'GET',
      path: conversationPath(conversationId),
      correlationId: options.correlationId,
    });
  }

  /**
   * `PATCH /api/v2/conversations/messages/{id}/participants/{pid}/attributes` `{"attributes": {…}}`.
   * Values are strings only (§3); whether Genesys merges or replaces existing keys is UNCONFIRMED.
   * Returns the attributes Genesys answers with, or `undefined` when it answers without a body.
   */
  async patchParticipantAttributes(
    conversationId: string,
    participantId: string,
    attributes: Record<string, string>,
    options: GenesysCallOptions = {},
  ): Promise<ParticipantAttributes | undefined> {
    const nonStrings = Object.keys(attributes).filter((key) => typeof attributes[key] !== 'string');
    if (nonStrings.length) throw new TypeError(`Participant attribute values must be strings: ${nonStrings.join(', ')}`);
    return this.transport.request<ParticipantAttributes>({
      method: 'PATCH',
      path: `${participantPath(conversationId, participantId)}/attributes`,
      body: { attributes },
      correlationId: options.correlationId,
    });
  }

  /** Disconnects every participant: `PATCH /api/v2/conversations/messages/{id}` `{"state":"disconnected"}` (§2.7). */
  async disconnectConversation(conversationId: string, options: GenesysCallOptions = {}): Promise<void> {
    await this.transport.request({ method: 'PATCH', path: conversationPath(conversationId), body: DISCONNECTED, correlationId: options.correlationId });
  }

  /** `PATCH /api/v2/conversations/messages/{id}/participants/{pid}` `{"state":"disconnected"}` (§2.7). */
  async disconnectParticipant(conversationId: string, participantId: string, options: GenesysCallOptions = {}): Promise<void> {
    await this.transport.request({
      method: 'PATCH',
      path: participantPath(conversationId, participantId),
      body: DISCONNECTED,
      correlationId: options.correlationId,
    });
  }
}

function conversationPath(conversationId: string): string {
  return `/api/v2/conversations/messages/${encodePathSegment(conversationId)}`;
}

function participantPath(conversationId: string, participantId: string): string {
  return `${conversationPath(conversationId)}/participants/${encodePathSegment(participantId)}`;
}
