import { Body, Controller, Get, HttpCode, Post, Query, Res, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Connection } from '@genesys-bridge/persistence';
import { createValidationPipe, JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { HandoverEndedDto, HandoverMessageAcceptedDto, HandoverStartedDto } from '../handover-api/handover-api.dto';
import { CurrentConnection, HandoverApiKeyGuard } from '../handover-api/handover-api-key.guard';
import type { Outcome } from '../handovers/handover.service';
import { CognigyEndDto, CognigyHandoverStartDto, CognigyHandoverStatusDto, CognigySessionDto, CognigyUserMessageDto } from './cognigy-handover.dto';
import { CognigyHandoverService } from './cognigy-handover.service';

function answer<T>(reply: FastifyReply, outcome: Outcome<T>): T {
  if (!outcome.created) reply.status(200);
  return outcome.body;
}

/**
 * Cognigy-style handover intake, called by the endpoint's transformer (docs/cognigy-handover.md has one). Same
 * per-connection API keys as the generic handover API (`Authorization: Bearer <key>` or `x-api-key`).
 */
@ApiTags('Cognigy handover')
@Controller('cognigy/:connectionId')
@UseGuards(HandoverApiKeyGuard)
@UsePipes(new JsonObjectBodyPipe({ optional: true }), createValidationPipe())
@ApiParam({ name: 'connectionId', format: 'uuid' })
@ApiUnauthorizedResponse({ description: 'Missing or invalid API key' })
@ApiBadRequestResponse({ description: 'Invalid fields, listed by path in `errors`' })
export class CognigyHandoverController {
  constructor(private readonly cognigy: CognigyHandoverService) {}

  @Post('handover')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a handover for a Cognigy session (the Flow asked for an agent)', description: 'A second start while the session has an open handover answers 200 with it.' })
  @ApiBody({ type: CognigyHandoverStartDto })
  @ApiAcceptedResponse({ type: HandoverStartedDto })
  @ApiOkResponse({ type: HandoverStartedDto, description: 'The session already has an open handover' })
  @ApiConflictResponse({ description: 'The connection has no Cognigy endpoint configured' })
  start(@Body() body: CognigyHandoverStartDto, @CurrentConnection() connection: Connection, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cognigy.start(connection, body).then((outcome) => answer(reply, outcome));
  }

  @Post('messages')
  @HttpCode(202)
  @ApiOperation({ summary: "The user's input while the handover is active (from handleInput)", description: '404 when the session has no open handover: give the input to the Flow.' })
  @ApiBody({ type: CognigyUserMessageDto })
  @ApiAcceptedResponse({ type: HandoverMessageAcceptedDto })
  @ApiOkResponse({ type: HandoverMessageAcceptedDto, description: 'This messageId was already stored' })
  @ApiNotFoundResponse({ description: 'No open handover for this session' })
  message(@Body() body: CognigyUserMessageDto, @CurrentConnection() connection: Connection, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cognigy.send(connection, body).then((outcome) => answer(reply, outcome));
  }

  @Post('typing')
  @HttpCode(202)
  @ApiOperation({ summary: 'The user is typing' })
  @ApiBody({ type: CognigySessionDto })
  @ApiAcceptedResponse({ type: HandoverMessageAcceptedDto })
  typing(@Body() body: CognigySessionDto, @CurrentConnection() connection: Connection): Promise<HandoverMessageAcceptedDto> {
    return this.cognigy.typing(connection, body);
  }

  @Post('end')
  @HttpCode(202)
  @ApiOperation({ summary: 'The user side ends the handover', description: 'The Genesys customer participant is disconnected after what was sent before. Already ended: 200.' })
  @ApiBody({ type: CognigyEndDto })
  @ApiAcceptedResponse({ type: HandoverEndedDto })
  @ApiOkResponse({ type: HandoverEndedDto, description: 'Already ended' })
  end(@Body() body: CognigyEndDto, @CurrentConnection() connection: Connection, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.cognigy.end(connection, body).then((outcome) => answer(reply, outcome));
  }

  @Get('handover-status')
  @ApiOperation({ summary: "The session's latest handover as Cognigy's Handover Status values (queue, active, completed, cancelled, error)" })
  @ApiOkResponse({ type: CognigyHandoverStatusDto })
  @ApiNotFoundResponse({ description: 'The session never had a handover' })
  status(@Query() query: CognigySessionDto, @CurrentConnection() connection: Connection): Promise<CognigyHandoverStatusDto> {
    return this.cognigy.status(connection, query);
  }
}
