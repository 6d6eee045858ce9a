// Open Messaging inbound bodies and responses (genesys-api.md §2.3, §2.4). Only the fields we use are typed.

/** Flat string map; Genesys answers 400 to anything nested (§2.4). */
export type StringMap = Record<string, string>;

export interface OpenMessagingFrom {
  id: string;
  /** `Phone` ids are E.164. */
  idType: 'Email' | 'Phone' | 'Opaque';
  nickname?: string;
  firstName?: string;
  lastName?: string;
  image?: string;
  email?: string;
}

export interface OpenMessagingTo {
  id: string;
  idType?: 'Email' | 'Phone' | 'Opaque';
}

export interface OpenInboundChannelMetadata {
  /** Becomes participant data on the customer participant (§3). */
  customAttributes?: StringMap;
}

export interface OpenInboundMessageChannel {
  /** Our stable id; with `time` it must be unique per message (§2.4). */
  messageId: string;
  /** ISO-8601. */
  time: string;
  from: OpenMessagingFrom;
  metadata?: OpenInboundChannelMetadata;
}

export interface OpenInboundAttachment {
  mediaType: 'Image' | 'Video' | 'Audio' | 'File' | 'Link';
  /** Genesys downloads it, so it must be reachable (pre-signed URLs work). */
  url: string;
  mime?: string;
  filename?: string;
  sha256?: string;
}

/** The current inbound model only allows attachments in `content` (§2.4). */
export interface OpenInboundContent {
  contentType: 'Attachment';
  attachment: OpenInboundAttachment;
}

/**
 * `POST …/{integrationId}/inbound/open/message` body (§2.4).
 * Custom attributes belong in `channel.metadata.customAttributes`; top-level `metadata` is a flat string map
 * and the type forbids a `customAttributes` key there.
 */
export interface OpenInboundMessage {
  channel: OpenInboundMessageChannel;
  text?: string;
  content?: OpenInboundContent[];
  metadata?: StringMap & { customAttributes?: never };
}

/** What Genesys answers to an inbound message; `conversationId` only with `prefetchConversationId=true`. */
export interface OpenMessageNormalizedMessage {
  /** Genesys message id. */
  id?: string;
  conversationId?: string;
  channel?: Record<string, unknown>;
  type?: string;
  text?: string;
  content?: unknown[];
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Open Messaging supports only the Typing event (§2.3). */
export interface OpenTypingEvent {
  eventType: 'Typing';
  typing: { type: 'On'; duration?: number };
}

export interface OpenInboundEvent {
  channel: { from: OpenMessagingFrom; time: string; messageId?: string };
  events: OpenTypingEvent[];
}

export type OpenReceiptStatus = 'Sent' | 'Delivered' | 'Failed' | 'Published' | 'Removed';

export type OpenReceiptReasonCode =
  | 'MessageExpired'
  | 'RateLimited'
  | 'MessageNotAllowed'
  | 'GeneralError'
  | 'UnsupportedMessage'
  | 'UnknownMessage'
  | 'InvalidMessageStructure'
  | 'InvalidDestination'
  | 'ServerError'
  | 'MediaTypeNotAllowed'
  | 'InvalidMediaContentLength'
  | 'RecipientOptedOut';

export interface OpenInboundReceipt {
  /** The Genesys message id being acknowledged (the `id` of the outbound webhook message). */
  id: string;
  channel: { to: OpenMessagingTo; time: string; messageId?: string };
  status: OpenReceiptStatus;
  reasons?: { code: OpenReceiptReasonCode; message?: string }[];
  isFinalReceipt?: boolean;
}

export interface OpenInboundStructuredResponse {
  channel: OpenInboundMessageChannel;
  buttonResponse: { type: 'Button' | 'QuickReply'; text: string; payload: string };
  /** Id of the structured message this answers. */
  originatingMessageId?: string;
}

/** Shape shared by the event, receipt and structured-response answers. */
export interface OpenNormalizedResponse {
  id?: string;
  channel?: Record<string, unknown>;
  [field: string]: unknown;
}
