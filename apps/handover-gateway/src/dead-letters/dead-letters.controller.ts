import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Connection } from '@genesys-bridge/persistence';
import { createValidationPipe, ERROR_SCHEMA, JsonObjectBodyPipe, validationErrorSchema } from '@genesys-bridge/service-runtime';
import { API_KEY_HEADER, CurrentConnection, HandoverApiKeyGuard } from '../handover-api/handover-api-key.guard';
import { DeadLetterPageDto, DeadLetterQueryDto, ReplayDeadLettersDto, ReplayResultDto } from './dead-letters.dto';
import { DeadLettersService } from './dead-letters.service';

const VALIDATION_ERROR_SCHEMA = validationErrorSchema('messageIds');

/** The credential, the connection and the common failures: the same as the handover API's, with the same keys. */
function DeadLetterRoute(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiParam({ name: 'connectionId', format: 'uuid', description: 'The connection (tenant) whose messages these are' }),
    ApiHeader({ name: 'authorization', required: false, description: "Bearer <key>: one of the connection's handover API keys (or use x-api-key)" }),
    ApiHeader({ name: API_KEY_HEADER, required: false, description: "One of the connection's handover API keys (or use Authorization: Bearer)" }),
    ApiBadRequestResponse({ description: 'Invalid fields, listed by path in `errors`', schema: VALIDATION_ERROR_SCHEMA }),
    ApiUnauthorizedResponse({ description: 'Missing or invalid API key, or none configured on the connection', schema: ERROR_SCHEMA }),
    ApiNotFoundResponse({ description: 'Unknown connection', schema: ERROR_SCHEMA }),
    ApiServiceUnavailableResponse({ description: 'The database could not take the request; retry', schema: ERROR_SCHEMA }),
  );
}

/**
 * Dead letters of the handover gateway: messages a delivery worker gave up on (permanent failures), per connection,
 * with the handover API's per-connection keys — a key sees and replays only its own connection's messages.
 */
@ApiTags('dead letters')
@Controller('handovers')
@UseGuards(HandoverApiKeyGuard)
@UsePipes(new JsonObjectBodyPipe(), createValidationPipe())
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get(':connectionId/dead-letters')
  @DeadLetterRoute(
    'List messages that failed permanently',
    'Both directions: to-genesys (user → agent messages Genesys refused, e.g. a 400) and to-bot (agent messages the bot platform refused). ' +
      'Newest first; pass `nextBefore` as `before` for the next page. The message payload is not shown, only the start of its text.',
  )
  @ApiOkResponse({ type: DeadLetterPageDto })
  list(@Param('connectionId') _connectionId: string, @Query() query: DeadLetterQueryDto, @CurrentConnection() connection: Connection): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(connection, query);
  }

  @Post(':connectionId/dead-letters/replay')
  @HttpCode(200)
  @DeadLetterRoute(
    'Deliver failed messages again',
    'Sets the given failed messages back to pending (attempts reset; `failure` keeps the last error until delivery) and wakes the delivery of their ' +
      'conversations. Fix the cause first, or they fail again. A replayed message keeps its place in its conversation, but nothing is held back ' +
      'for it: it is delivered after whatever its conversation already delivered, so it may reach Genesys or the bot after messages that were ' +
      'sent later — the operator replays it knowing that. Among messages of its conversation not picked up yet, the usual order applies ' +
      '(sequence for to-genesys, Genesys send time for to-bot). ' +
      'Messages that are not failed, not of this connection, or user → agent messages of an ended handover are skipped, each with its reason.',
  )
  @ApiBody({ type: ReplayDeadLettersDto })
  @ApiOkResponse({ type: ReplayResultDto })
  replay(@Param('connectionId') _connectionId: string, @Body() body: ReplayDeadLettersDto, @CurrentConnection() connection: Connection): Promise<ReplayResultDto> {
    return this.deadLetters.replay(connection, body.messageIds);
  }
}
