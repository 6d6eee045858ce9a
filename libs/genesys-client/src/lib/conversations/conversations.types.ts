// Message conversation read model and participant data (genesys-api.md §3). Only the fields we use are typed.

export interface MessageMediaParticipant {
  id: string;
  /** `customer` is the participant whose data Architect flows read (§3). */
  purpose?: string;
  state?: string;
  attributes?: Record<string, string>;
  queue?: { id: string; [field: string]: unknown };
  endTime?: string;
  disconnectType?: string;
  [field: string]: unknown;
}

/** `GET /api/v2/conversations/messages/{conversationId}`. */
export interface MessageConversation {
  id: string;
  participants: MessageMediaParticipant[];
  [field: string]: unknown;
}

/** Answer of the messages-specific participant attributes PATCH, when Genesys sends one. */
export interface ParticipantAttributes {
  attributes?: Record<string, string>;
  [field: string]: unknown;
}
