import { type AgentMessage, type AgentMessageSender, type AgentMessageSendResult } from '../../agent-messages/agent-message.sender';
import { type JsonRecord } from '../../json-values';
import { KoreBotKitClient, type KoreBotKitClientOptions } from './botkit-client';
import { type BotKitPayload } from './botkit-payload';
import { koreUserMessageFields } from './kore-user-message.body';

export interface KoreBotKitSenderOptions extends KoreBotKitClientOptions {
  /** The BotKit callback the handover came with (the latest one Kore sent for this user). */
  target: Pick<BotKitPayload, 'baseUrl' | 'requestId' | 'payload'>;
}

/**
 * Agent messages to a Kore user through BotKit (bot-platforms.md §B4, §B5): one `sendUserMessage` per output
 * (`koreUserMessageFields`), the end of the handover as `clearAgentSession` (the bot resumes). BotKit has no typing
 * indicator and no idempotency key: `genesysMessageId` in each body lets a Kore-side script drop a resend.
 */
export class KoreBotKitSender implements AgentMessageSender {
  readonly platform = 'kore' as const;
  readonly supportsTyping = false;
  private readonly client: KoreBotKitClient;

  constructor(private readonly options: KoreBotKitSenderOptions) {
    this.client = new KoreBotKitClient(options);
  }

  async send(message: AgentMessage): Promise<AgentMessageSendResult> {
    const { content } = message;
    if ('event' in content) {
      if (content.event === 'typing') return { requests: 0 };
      await this.client.call('clearAgentSession', this.options.target, { genesysMessageId: message.messageId }, message.signal, message.correlationId);
      return { requests: 1 };
    }
    let requests = 0;
    for (const output of content.outputs) {
      const fields = koreUserMessageFields(output);
      if (!fields) continue;
      const edits: JsonRecord = { ...fields, genesysMessageId: message.messageId, ...(message.from.name || message.from.avatarUrl ? { agentInfo: message.from } : {}) };
      await this.client.call('sendUserMessage', this.options.target, edits, message.signal, message.correlationId);
      requests += 1;
    }
    return { requests };
  }
}
