import { Body, Controller, HttpCode, Param, Post, Req, UseGuards, UsePipes } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { createValidationPipe } from '@genesys-bridge/service-runtime';
import { ConnectorAuthGuard, type ConnectorRequest } from '../connectors/connector-auth.guard';
import type { LoadedConnector } from '../connectors/connector-registry.service';
import { CurrentConnector } from '../connectors/current-connector.decorator';
import type { BotAnswer } from '../turns/bot-answer';
import { BotConnectorV1RequestDto } from '../turns/genesys-turn.dto';
import { TurnIntake } from '../turns/turn-intake.service';

@ApiTags('Bot Connector v1')
@Controller('bot-connector/v1')
@UseGuards(ConnectorAuthGuard)
// Genesys may add fields to its payloads: unknown ones are dropped, not refused.
@UsePipes(createValidationPipe({ allowUnknownFields: true }))
export class BotConnectorV1Controller {
  constructor(private readonly intake: TurnIntake) {}

  @Post(':connectorId')
  @HttpCode(200)
  @ApiOperation({ summary: "Genesys' Bot Connector Handle Utterance URI: one customer turn, answered synchronously" })
  @ApiParam({ name: 'connectorId', format: 'uuid' })
  @ApiHeader({ name: 'verify-token', required: false, description: "The connector's credential (header name configurable), or Authorization: Bearer <JWT>" })
  @ApiOkResponse({ description: '{botState, replyMessages, intent, parameters, entities, errorInfo}' })
  turn(
    @Param('connectorId') _connectorId: string,
    @Body() body: BotConnectorV1RequestDto,
    @CurrentConnector() connector: LoadedConnector,
    @Req() request: ConnectorRequest,
  ): Promise<BotAnswer> {
    return this.intake.answerV1(connector, { ...body, apiVersion: 'v1' }, String(request.id));
  }
}
