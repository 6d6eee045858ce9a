import { encodePathSegment, type GenesysApiTransport, type GenesysCallOptions } from '../http/genesys-api.transport';
import { type BotConnectorReply, type BotConnectorReplyResponse, type BotList } from './bot-connector.types';

/** Bot Connector bot list and asynchronous replies (genesys-api.md §1.5, §1.6). */
export class BotConnectorClient {
  constructor(private readonly transport: GenesysApiTransport) {}

  /** `PUT /api/v2/integrations/botconnector/{integrationId}/bots` (204); replaces the whole list. */
  async putBotConnectorBots(integrationId: string, botList: BotList, options: GenesysCallOptions = {}): Promise<void> {
    await this.transport.request({
      method: 'PUT',
      path: `/api/v2/integrations/botconnector/${encodePathSegment(integrationId)}/bots`,
      body: botList,
      correlationId: options.correlationId,
    });
  }

  /** `POST /api/v2/integrations/botconnectors/outgoing/messages` (Digital Bot Connector, preview). */
  async sendBotConnectorReply(reply: BotConnectorReply, options: GenesysCallOptions = {}): Promise<BotConnectorReplyResponse> {
    const response = await this.transport.request<BotConnectorReplyResponse>({
      method: 'POST',
      path: '/api/v2/integrations/botconnectors/outgoing/messages',
      body: reply,
      correlationId: options.correlationId,
    });
    return response ?? {};
  }
}
