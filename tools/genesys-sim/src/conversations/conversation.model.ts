export type ParticipantPurpose = 'customer' | 'agent' | 'acd';
export type ParticipantState = 'alerting' | 'connected' | 'disconnected';
/** A subset of Genesys' disconnectType enum. */
export type DisconnectType = 'client' | 'peer' | 'transfer' | 'system' | 'error';
export type IdType = 'Email' | 'Phone' | 'Opaque';

export interface QueueRef {
  id: string;
  name: string;
}

/** The wrap-up an agent applied at the end of after-call work (MessageMediaParticipant `wrapup`). */
export interface Wrapup {
  /** The wrap-up code's id (`ININ-WRAP-UP-TIMEOUT` when after-call work timed out). */
  code: string;
  name?: string;
  notes?: string;
  durationSeconds: number;
  endTime: string;
}

export interface Participant {
  id: string;
  purpose: ParticipantPurpose;
  state: ParticipantState;
  name?: string;
  /** Agents only; rendered as `user: {id, name}` like MessageMediaParticipant. */
  userId?: string;
  /** The participant's communication (session) id: `sessionId` of the analytics detail events. */
  sessionId: string;
  attributes: Record<string, string>;
  queue?: QueueRef;
  startTime: string;
  connectedTime?: string;
  endTime?: string;
  disconnectType?: DisconnectType;
  /** Agents: after-call work starts when the agent leg disconnects and ends when a wrap-up is applied. */
  wrapupRequired?: boolean;
  startAcwTime?: string;
  endAcwTime?: string;
  wrapup?: Wrapup;
}

export interface CustomerAddress {
  id: string;
  idType: IdType;
  nickname?: string;
  firstName?: string;
  lastName?: string;
}

export interface TranscriptEntry {
  /** Genesys message id. */
  id: string;
  direction: 'Inbound' | 'Outbound';
  type: 'Text' | 'Structured' | 'Event';
  text?: string;
  content?: unknown[];
  events?: unknown[];
  /** The provider's `channel.messageId` for inbound messages. */
  providerMessageId?: string;
  originatingEntity?: 'Human' | 'Bot';
  time: string;
}

export interface Conversation {
  id: string;
  integrationId: string;
  customer: CustomerAddress;
  participants: Participant[];
  transcript: TranscriptEntry[];
  startTime: string;
  /** Set when the last participant disconnected; cleared if threading reopens the conversation. */
  endTime?: string;
}
