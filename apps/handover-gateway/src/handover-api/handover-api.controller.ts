import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Connection } from '@genesys-bridge/persistence';
import { createValidationPipe, ERROR_SCHEMA, JsonObjectBodyPipe, validationErrorSchema } from '@genesys-bridge/service-runtime';
import {
  EndHandoverDto,
  HandoverEndedDto,
  HandoverMessageAcceptedDto,
  HandoverMessageDto,
  HandoverStartedDto,
  HandoverViewDto,
  StartHandoverDto,
} from './handover-api.dto';
import { API_KEY_HEADER, CurrentConnection, HandoverApiKeyGuard } from './handover-api-key.guard';
import { checkCallbackUrl, HandoverService, type Outcome } from '../handovers/handover.service';

const VALIDATION_ERROR_SCHEMA = validationErrorSchema('customer.idType');

/** What every route of this API documents: the credential, the connection and the common failures. */
function HandoverApiRoute(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiParam({ name: 'connectionId', format: 'uuid', description: 'The connection (tenant) whose Genesys org receives the handover' }),
    ApiHeader({ name: 'authorization', required: false, description: "Bearer <key>: one of the connection's handover API keys (or use x-api-key)" }),
    ApiHeader({ name: API_KEY_HEADER, required: false, description: "One of the connection's handover API keys (or use Authorization: Bearer)" }),
    ApiUnauthorizedResponse({ description: 'Missing or invalid API key, or none configured on the connection', schema: ERROR_SCHEMA }),
    ApiNotFoundResponse({ description: 'Unknown connection (or handover of this connection)', schema: ERROR_SCHEMA }),
    ApiServiceUnavailableResponse({ description: 'The database could not take the request; retry', schema: ERROR_SCHEMA }),
  );
}

function HandoverIdParam(): MethodDecorator {
  return ApiParam({ name: 'handoverId', format: 'uuid', description: 'The id answered by the start' });
}

/** 202 for what was stored now, 200 for a repeat that stored nothing. */
function answer<T>(reply: FastifyReply, outcome: Outcome<T>): T {
  if (!outcome.created) reply.status(200);
  return outcome.body;
}

@ApiTags('handover API')
@Controller('handovers')
@UseGuards(HandoverApiKeyGuard)
@UsePipes(new JsonObjectBodyPipe({ optional: true }), createValidationPipe())
export class HandoverApiController {
  constructor(private readonly handovers: HandoverService) {}

  @Post(':connectionId')
  @HttpCode(202)
  @HandoverApiRoute(
    'Hand a bot conversation to a Genesys agent over Open Messaging',
    'Stores the handover and its first messages (the optional transcript as one message, then firstMessage carrying the participant data: ' +
      'QueueName, Skills, Language, Priority, the flattened genesysMetaData, customAttributes and, with sendProfile, the profile) in one transaction, ' +
      'then a worker delivers them to Genesys in order. Starting the same conversationId again while its handover is open answers 200 with the same handover.',
  )
  @ApiBody({ type: StartHandoverDto })
  @ApiAcceptedResponse({ description: 'Started', type: HandoverStartedDto })
  @ApiOkResponse({ description: 'This conversation already has an open handover: it, with nothing new stored', type: HandoverStartedDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, listed by path in `errors`; a refused callbackUrl is one of them', schema: VALIDATION_ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'firstMessage.messageId was already used by another message', schema: ERROR_SCHEMA })
  @ApiPayloadTooLargeResponse({ description: 'Body larger than BODY_LIMIT_BYTES' })
  start(@Param('connectionId') _connectionId: string, @Body() body: StartHandoverDto, @CurrentConnection() connection: Connection, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.startGeneric(connection, body).then((outcome) => answer(reply, outcome));
  }

  @Post(':connectionId/:handoverId/messages')
  @HttpCode(202)
  @HandoverApiRoute('Send a customer message to the agent', 'Text, attachments (Genesys fetches the URLs) or a quick-reply answer, delivered in order. A repeated messageId answers 200 and stores nothing.')
  @HandoverIdParam()
  @ApiBody({ type: HandoverMessageDto })
  @ApiAcceptedResponse({ description: 'Stored for delivery', type: HandoverMessageAcceptedDto })
  @ApiOkResponse({ description: 'This messageId was already stored; nothing new', type: HandoverMessageAcceptedDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, listed by path in `errors`', schema: VALIDATION_ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'The handover has ended, or the messageId belongs to another handover', schema: ERROR_SCHEMA })
  @ApiPayloadTooLargeResponse({ description: 'Body larger than BODY_LIMIT_BYTES' })
  message(
    @Param('connectionId') _connectionId: string,
    @Param('handoverId') handoverId: string,
    @Body() body: HandoverMessageDto,
    @CurrentConnection() connection: Connection,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.handovers
      .owned(connection.id, handoverId)
      .then((handover) => this.handovers.send(handover, body))
      .then((outcome) => answer(reply, outcome));
  }

  @Post(':connectionId/:handoverId/typing')
  @HttpCode(202)
  @HandoverApiRoute('Show the agent that the customer is typing', 'No body. Genesys shows typing only when the integration enables it (genesys-api.md §2.2).')
  @HandoverIdParam()
  @ApiAcceptedResponse({ description: 'Stored for delivery', type: HandoverMessageAcceptedDto })
  @ApiConflictResponse({ description: 'The handover has ended', schema: ERROR_SCHEMA })
  typing(@Param('connectionId') _connectionId: string, @Param('handoverId') handoverId: string, @CurrentConnection() connection: Connection): Promise<HandoverMessageAcceptedDto> {
    return this.handovers.owned(connection.id, handoverId).then((handover) => this.handovers.typing(handover));
  }

  @Post(':connectionId/:handoverId/end')
  @HttpCode(202)
  @HandoverApiRoute(
    'End the handover from the bot side',
    'The customer participant is disconnected in Genesys after every message sent before this call. An already ended handover answers 200.',
  )
  @HandoverIdParam()
  @ApiBody({ type: EndHandoverDto, required: false })
  @ApiAcceptedResponse({ description: 'Ended; the disconnect is queued', type: HandoverEndedDto })
  @ApiOkResponse({ description: 'Already ended; nothing new', type: HandoverEndedDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, listed by path in `errors`', schema: VALIDATION_ERROR_SCHEMA })
  end(
    @Param('connectionId') _connectionId: string,
    @Param('handoverId') handoverId: string,
    @Body() body: EndHandoverDto,
    @CurrentConnection() connection: Connection,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.handovers
      .owned(connection.id, handoverId)
      .then((handover) => this.handovers.end(connection, handover, body.reason))
      .then((outcome) => answer(reply, outcome));
  }

  @Get(':connectionId/:handoverId')
  @HandoverApiRoute('The state of a handover', 'status is starting until the first message reached Genesys, then active, then ended.')
  @HandoverIdParam()
  @ApiOkResponse({ type: HandoverViewDto })
  view(@Param('connectionId') _connectionId: string, @Param('handoverId') handoverId: string, @CurrentConnection() connection: Connection): Promise<HandoverViewDto> {
    return this.handovers.owned(connection.id, handoverId).then((handover) => this.handovers.view(handover));
  }

  /** The generic platform's destination is the request's own callback URL, checked against SSRF first. */
  private async startGeneric(connection: Connection, body: StartHandoverDto): Promise<Outcome<HandoverStartedDto>> {
    const allowPrivate = connection.botPlatformSettings.allowPrivateCallbackUrls === true;
    const callbackUrl = body.callbackUrl === undefined ? undefined : await checkCallbackUrl(body.callbackUrl, allowPrivate);
    return this.handovers.start(connection, 'generic', body, callbackUrl === undefined ? {} : { callbackUrl });
  }
}
