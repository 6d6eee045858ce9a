export type ParticipantPurpose = 'customer' | 'agent' | 'acd';
export type ParticipantState = 'alerting' | 'connected' | 'disconnected';
/** A subset of Genesys' disconnectType enum. */
export type DisconnectType = 'client' | 'peer' | 'transfer' | 'system' | 'error';
export type IdType = 'Email' | 'Phone' | 'Opaque';

export interface QueueRef {
  id: string;
  name: string;
}

export interface AfterCallWork {
  state: 'pending' | 'complete';
  startTime: string;
}

export interface Participant {
  id: string;
  purpose: ParticipantPurpose;
  state: ParticipantState;
  name?: string;
  userId?: string;
  attributes: Record<string, string>;
  queue?: QueueRef;
  startTime: string;
  connectedTime?: string;
  endTime?: string;
  disconnectType?: DisconnectType;
  afterCallWorkRequired?: boolean;
  afterCallWork?: AfterCallWork;
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
