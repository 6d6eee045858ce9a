import { BadRequestException, Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Connection } from '@genesys-bridge/persistence';
import { ERROR_SCHEMA, JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { CurrentConnection } from '../handovers/connection-access';
import { EventApiKeyGuard } from './event-api-key.guard';
import { parseGenesysEvent } from './genesys-event.parser';
import { GenesysEventIntake } from './genesys-event-intake.service';


/** Answered for every accepted request: queued, dropped as not ours, or about an ended handover look the same. */
export interface EventAcceptedDto {
  status: 'accepted';
}

@ApiTags('end detection')
@Controller('genesys/events')
@UseGuards(EventApiKeyGuard)
export class GenesysEventsController {
  constructor(private readonly intake: GenesysEventIntake) {}

  @Post(':connectionId')
  @HttpCode(202)
  @ApiOperation({
    summary: 'A Genesys conversation event for end detection (Trigger → Workflow → Data Action, or EventBridge)',
    description:
      'Either a flat Data Action body {conversationId, eventType|topicName, eventTime?, disconnectType?, userId?, queueId?, participantId?} ' +
      'or an EventBridge event {"detail-type", "time", "detail": {"topicName", "eventBody": {...}}}. The event only asks for a look: ' +
      'the worker reads the conversation from Genesys and decides (customer.end at once, user.end/acw after the transfer debounce). ' +
      'Answers 202 quickly, also for conversations that are not handovers of this connection (nothing is queued for those). See docs/end-detection/.',
  })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiHeader({ name: 'x-api-key', required: false, description: "One of the connection's botPlatformSecrets.eventApiKeys (or Authorization: Bearer <key> / Authorization: <key>)" })
  @ApiBody({ schema: { type: 'object', example: { conversationId: '3f1b…', eventType: 'customer.end', eventTime: 1717236000000, disconnectType: 'peer' } } })
  @ApiAcceptedResponse({ description: 'Accepted', schema: { type: 'object', properties: { status: { type: 'string', example: 'accepted' } } } })
  @ApiBadRequestResponse({ description: 'Not a Data Action body nor an EventBridge event; errors[] names each field path' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong event API key, or none configured', schema: ERROR_SCHEMA })
  @ApiNotFoundResponse({ description: 'Unknown or disabled connection', schema: ERROR_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'The event could not be queued; retry', schema: ERROR_SCHEMA })
  async receive(@CurrentConnection() connection: Connection, @Body(new JsonObjectBodyPipe()) body: Record<string, unknown>): Promise<EventAcceptedDto> {
    const parsed = parseGenesysEvent(body, new Date());
    if (parsed.kind === 'invalid') {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors: parsed.errors });
    }
    if (parsed.kind === 'signal') await this.intake.accept(connection, { ...parsed.signal, connectionId: connection.id });
    return { status: 'accepted' };
  }
}
