export interface IntegrationInput {
  id?: string;
  name: string;
  outboundNotificationWebhookUrl: string;
  /** Genesys requires more than 15 characters. */
  outboundNotificationWebhookSignatureSecretToken: string;
  webhookHeaders?: Record<string, string>;
  /** Typing indicators are disabled by default in Genesys (messaging setting `event.typing.on.outbound`). */
  outboundTypingEnabled?: boolean;
  /** Queue the inbound message flow transfers new conversations to (adds an `acd` participant). */
  inboundQueueId?: string;
}

export interface Integration {
  id: string;
  name: string;
  outboundNotificationWebhookUrl: string;
  outboundNotificationWebhookSignatureSecretToken: string;
  webhookHeaders: Record<string, string>;
  outboundTypingEnabled: boolean;
  inboundQueueId?: string;
  dateCreated: string;
}
