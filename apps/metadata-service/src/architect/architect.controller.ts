import { applyDecorators, Controller, Get, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { createValidationPipe } from '@genesys-bridge/service-runtime';
import { Access, ApiKeyGuard } from '../auth';
import { ArchitectRoutingService } from './architect-routing.service';
import { ConversationMetadataDto, LanguageResolveDto, QueueResolveDto, ResolveNameQueryDto, SkillResolveDto } from './architect.dto';
import { ConversationMetadataService } from './conversation-metadata.service';

function ArchitectRoute(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiParam({ name: 'connectionId', format: 'uuid', description: 'The connection (Genesys org) to look up in' }),
    ApiBadRequestResponse({ description: 'Invalid name or id, listed by path in `errors`' }),
    ApiNotFoundResponse({ description: 'Unknown connection, or one the API key is not bound to' }),
    ApiForbiddenResponse({ description: 'The connection is disabled' }),
    ApiServiceUnavailableResponse({ description: 'Genesys (or the database) did not answer and nothing is cached; retry' }),
  );
}

const LOOKUP_DESCRIPTION =
  'Cached per connection (ROUTING_CACHE_TTL_MS, unknown names ROUTING_NEGATIVE_CACHE_TTL_MS); on a miss, Genesys is asked through its `name` ' +
  'filter, page by page. Always 200 with `found` for a valid name, so a Data Action can branch on it. See docs/architect/README.md.';

/**
 * Endpoints for Genesys Architect Data Actions (Web Services Data Actions integration, our API key in a custom
 * header): flat JSON, no nulls. Contracts to import: docs/architect/*.data-action.json. Any valid API key of the
 * connection may read (`@Access('read')`); a key bound to another connection gets 404.
 */
@ApiTags('architect')
@Controller('architect')
@UseGuards(ApiKeyGuard)
@Access('read')
@UsePipes(createValidationPipe())
export class ArchitectController {
  constructor(
    private readonly routing: ArchitectRoutingService,
    private readonly conversations: ConversationMetadataService,
  ) {}

  @Get(':connectionId/queues/resolve')
  @ArchitectRoute('Queue name → queue id (Find Queue with a fallback queue)', LOOKUP_DESCRIPTION + ' An unknown name answers the connection fallback queue (`botPlatformSettings.fallbackQueueId` / `fallbackQueueName`) with `resolvedBy: "fallback"` and counts `genesys_bridge_queue_fallbacks_total`.')
  @ApiOkResponse({ type: QueueResolveDto })
  @ApiBadGatewayResponse({ description: "Genesys refused the connection's credentials or the request" })
  resolveQueue(@Param('connectionId') connectionId: string, @Query() query: ResolveNameQueryDto): Promise<QueueResolveDto> {
    return this.routing.resolveQueue(connectionId, query.name);
  }

  @Get(':connectionId/skills/resolve')
  @ArchitectRoute('ACD skill name → skill id (Find Skill)', LOOKUP_DESCRIPTION)
  @ApiOkResponse({ type: SkillResolveDto })
  resolveSkill(@Param('connectionId') connectionId: string, @Query() query: ResolveNameQueryDto): Promise<SkillResolveDto> {
    return this.routing.resolveSkill(connectionId, query.name);
  }

  @Get(':connectionId/languages/resolve')
  @ArchitectRoute('Language skill name → language id (Find Language Skill)', LOOKUP_DESCRIPTION)
  @ApiOkResponse({ type: LanguageResolveDto })
  resolveLanguage(@Param('connectionId') connectionId: string, @Query() query: ResolveNameQueryDto): Promise<LanguageResolveDto> {
    return this.routing.resolveLanguage(connectionId, query.name);
  }

  @Get(':connectionId/conversations/:conversationId/metadata')
  @ArchitectRoute(
    'What the handover sent for a Genesys conversation',
    'The participant data our handover put on the conversation (flat) and the queue to transfer to: the stored `QueueId`, else `QueueName` resolved now. ' +
      '200 with `found: false` when no handover of this connection carries the conversation (yet: the id is known once the first message was delivered).',
  )
  @ApiParam({ name: 'conversationId', description: 'The Genesys conversation id (Architect: Conversation.Id)' })
  @ApiOkResponse({ type: ConversationMetadataDto })
  metadata(@Param('connectionId') connectionId: string, @Param('conversationId') conversationId: string): Promise<ConversationMetadataDto> {
    return this.conversations.metadata(connectionId, conversationId);
  }
}
