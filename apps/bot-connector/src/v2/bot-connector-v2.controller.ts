import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { createValidationPipe } from '@genesys-bridge/service-runtime';
import { ConnectorAuthGuard } from '../connectors/connector-auth.guard';
import type { LoadedConnector } from '../connectors/connector-registry.service';
import { CurrentConnector } from '../connectors/current-connector.decorator';
import { buildBotList } from '../bot-list/bot-list.builder';
import { BotConnectorV2RequestDto } from '../turns/genesys-turn.dto';
import { TurnIntake } from '../turns/turn-intake.service';

/** Digital Bot Connector (v2): Genesys lists our bots, posts each turn, and gets answers asynchronously. */
@ApiTags('Digital Bot Connector v2')
@Controller('bot-connector/v2/:connectorId')
@UseGuards(ConnectorAuthGuard)
@UsePipes(createValidationPipe({ allowUnknownFields: true }))
export class BotConnectorV2Controller {
  constructor(private readonly intake: TurnIntake) {}

  @Get('bots')
  @ApiOperation({ summary: 'The bots this connector serves, with versions, languages and intents' })
  @ApiParam({ name: 'connectorId', format: 'uuid' })
  listBots(@CurrentConnector() connector: LoadedConnector) {
    return { entities: buildBotList(connector.settings).chatBots };
  }

  @Get('bots/:botId')
  @ApiOperation({ summary: 'One bot of this connector' })
  getBot(@Param('botId') botId: string, @CurrentConnector() connector: LoadedConnector) {
    const bot = buildBotList(connector.settings).chatBots.find((candidate) => candidate.id === botId);
    if (!bot) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `unknown bot ${botId.slice(0, 100)}` });
    return bot;
  }

  @Post('messages')
  @HttpCode(200)
  @ApiOperation({ summary: 'One customer turn; acknowledged at once, answered through the outgoing-messages API' })
  async message(@Body() body: BotConnectorV2RequestDto, @CurrentConnector() connector: LoadedConnector): Promise<{ status: 'accepted' }> {
    await this.intake.acceptV2(connector, { ...body, apiVersion: 'v2', genesysConversationId: body.conversationId });
    return { status: 'accepted' };
  }
}
