import { Body, Controller, HttpCode, InternalServerErrorException, Param, ParseEnumPipe, Post, Req, Res, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { type HandoverApiRequest } from '../handovers/connection-access';
import { BOTKIT_TOKEN_HEADER, BotKitTokenGuard } from './botkit-token.guard';
import { BOTKIT_EVENTS, type BotKitEvent, KoreBotKitService } from './kore-botkit.service';

/**
 * Kore's BotKit callbacks, with our connection id in the callback URL: register
 * `{PUBLIC_BASE_URL}/kore/{connectionId}` as the BotKit "Callback URL" (Kore appends `/sdk/bots/{botId}/{event}`).
 */
@ApiTags('Kore BotKit')
@Controller('kore/:connectionId/sdk/bots/:botId')
@UseGuards(BotKitTokenGuard)
@UsePipes(new JsonObjectBodyPipe())
export class KoreBotKitController {
  constructor(private readonly botKit: KoreBotKitService) {}

  @Post(':event')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A Kore BotKit callback (on_agent_transfer, on_user_message, on_bot_message, on_event, …)',
    description:
      'on_agent_transfer starts a Genesys handover (metaInfo.GenesysMetaData → participant data); on_user_message goes to the agent while a handover is open ' +
      'and to the bot otherwise (sendBotMessage); on_bot_message is passed to the user (sendUserMessage); an ending on_event ends the handover. ' +
      'Answers 200 {"outcome": …} with header supportsMessageAck; 502 when a pass-through SDK call to Kore failed.',
  })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiParam({ name: 'botId', description: 'The Kore bot (st-…); must equal the body botId' })
  @ApiParam({ name: 'event', enum: BOTKIT_EVENTS })
  @ApiHeader({ name: BOTKIT_TOKEN_HEADER, required: true, description: "JWT (HS256/HS512) signed with the BotKit app's client secret; appId = its client id" })
  @ApiBody({ schema: { type: 'object', description: 'The BotKit payload (requestId, botId, baseUrl, message, metaInfo, context, channel, …)' } })
  @ApiOkResponse({ schema: { type: 'object', properties: { outcome: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'A field we need is missing; listed by path in `errors`' })
  @ApiUnauthorizedResponse({ description: 'Missing or invalid token, or BotKit not configured on the connection' })
  async callback(
    @Param('botId') botId: string,
    @Param('event', new ParseEnumPipe(BOTKIT_EVENTS)) event: BotKitEvent,
    @Body() body: unknown,
    @Req() request: HandoverApiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ outcome: string }> {
    const { handoverConnection: connection, handoverSecrets: secrets } = request;
    if (!connection || !secrets) throw new InternalServerErrorException('KoreBotKitController used without BotKitTokenGuard');
    const outcome = await this.botKit.handle(event, botId, body, connection, secrets);
    reply.header('supportsMessageAck', 'true');
    return { outcome };
  }
}
