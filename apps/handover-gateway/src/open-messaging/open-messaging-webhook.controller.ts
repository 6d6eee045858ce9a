import { Body, Controller, HttpCode, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
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
import { createValidationPipe, ERROR_SCHEMA, JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { HUB_SIGNATURE_HEADER } from '@genesys-bridge/signatures';
import { OpenMessagingInbox } from './open-messaging-inbox.service';
import { OutboundOpenMessageDto } from './outbound-message.dto';
import { WebhookSignatureGuard } from './webhook-signature.guard';


@ApiTags('Genesys Open Messaging')
@Controller('genesys/open-messaging')
@UseGuards(WebhookSignatureGuard)
// Genesys may add fields to its payloads: unknown ones are dropped, not refused.
@UsePipes(new JsonObjectBodyPipe(), createValidationPipe({ allowUnknownFields: true }))
export class OpenMessagingWebhookController {
  constructor(private readonly inbox: OpenMessagingInbox) {}

  @Post(':connectionId/webhook')
  @HttpCode(200)
  @ApiOperation({
    summary: "The Open Messaging integration's outboundNotificationWebhookUrl: agent and bot messages, typing events and receipts for the customer",
    description:
      'Stored once per Genesys message id (retries and replays answer 200 and store nothing new), then delivered to the bot platform ' +
      'by a worker. 200 only once the message is committed; 503 when it cannot be stored, so Genesys retries.',
  })
  @ApiParam({ name: 'connectionId', format: 'uuid', description: 'The connection whose integration posts here' })
  @ApiHeader({
    name: HUB_SIGNATURE_HEADER,
    required: true,
    description: "sha256= + base64 HMAC-SHA256 of the raw body with the integration's outboundNotificationWebhookSignatureSecretToken",
  })
  @ApiBody({ type: OutboundOpenMessageDto, description: 'Outbound Open NormalizedMessage (unknown fields are dropped)' })
  @ApiOkResponse({ description: 'Stored (or already stored)', schema: { type: 'object', properties: {}, additionalProperties: false } })
  @ApiBadRequestResponse({ description: 'Not JSON, not an object, or invalid fields (listed by path in `errors`)', schema: ERROR_SCHEMA })
  @ApiUnauthorizedResponse({ description: 'Missing or invalid signature, or no webhook secret configured on the connection', schema: ERROR_SCHEMA })
  @ApiNotFoundResponse({ description: 'Unknown connection', schema: ERROR_SCHEMA })
  @ApiPayloadTooLargeResponse({ description: 'Body larger than BODY_LIMIT_BYTES' })
  @ApiServiceUnavailableResponse({ description: 'The database could not take the message; Genesys retries', schema: ERROR_SCHEMA })
  async webhook(@Param('connectionId') connectionId: string, @Body() message: OutboundOpenMessageDto): Promise<Record<string, never>> {
    await this.inbox.accept(connectionId, message);
    return {};
  }
}
