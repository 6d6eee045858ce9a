import { applyDecorators, Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { createValidationPipe, JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { Access, type ApiKeyPrincipal, ApiKeyGuard, CurrentApiKey } from '../auth';
import { ConnectionCheckService } from './connection-check.service';
import { CreateConnectionDto, RotateSecretDto, UpdateConnectionDto } from './connection.dto';
import { ConnectionCheckDto, ConnectionViewDto, SecretRotatedDto } from './connection-view.dto';
import { ConnectionsService } from './connections.service';
import { ERROR_SCHEMA, VALIDATION_ERROR_SCHEMA } from './error-schemas';

function ConnectionRoute(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiParam({ name: 'connectionId', format: 'uuid' }),
    ApiNotFoundResponse({ description: 'Unknown connection, or one this key may not see (the same answer)', schema: ERROR_SCHEMA }),
  );
}

@ApiTags('tenant registry')
@Controller('connections')
@UseGuards(ApiKeyGuard)
@UsePipes(new JsonObjectBodyPipe({ optional: true }), createValidationPipe())
export class ConnectionsController {
  constructor(
    private readonly registry: ConnectionsService,
    private readonly checks: ConnectionCheckService,
  ) {}

  @Post()
  @Access('write', { allConnections: true })
  @ApiOperation({ summary: 'Create a connection', description: 'Secrets are stored encrypted and never returned. Needs an admin key for all connections.' })
  @ApiCreatedResponse({ type: ConnectionViewDto })
  @ApiBadRequestResponse({ description: 'Invalid field (by path), or a URL that points at a private network', schema: VALIDATION_ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'A connection with this name exists', schema: ERROR_SCHEMA })
  create(@Body() dto: CreateConnectionDto, @CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    return this.registry.create(dto, key);
  }

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'List connections', description: 'A key bound to a connection sees only that one.' })
  @ApiOkResponse({ type: [ConnectionViewDto] })
  list(@CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionViewDto[]> {
    return this.registry.list(key);
  }

  @Get(':connectionId')
  @Access('read')
  @ConnectionRoute('Read a connection', 'Settings and which secrets are set (never their values).')
  @ApiOkResponse({ type: ConnectionViewDto })
  get(@Param('connectionId') connectionId: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    return this.registry.get(connectionId, key);
  }

  @Patch(':connectionId')
  @Access('write')
  @ConnectionRoute(
    'Change a connection',
    'Only the fields given change; null clears a nullable field. botPlatformSettings and botPlatformSecrets are merged key by key (null removes a key). ' +
      'Changing allowPrivateCallbackUrls needs a key for all connections.',
  )
  @ApiOkResponse({ type: ConnectionViewDto })
  @ApiBadRequestResponse({ description: 'Invalid field (by path), or a URL that points at a private network', schema: VALIDATION_ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'Name taken, or changed concurrently by another request (retry)', schema: ERROR_SCHEMA })
  update(@Param('connectionId') connectionId: string, @Body() dto: UpdateConnectionDto, @CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    return this.registry.update(connectionId, dto, key);
  }

  @Post(':connectionId/disable')
  @HttpCode(200)
  @Access('write')
  @ConnectionRoute('Disable a connection', 'Its intake endpoints (handover API, Cognigy and Kore intakes, Open Messaging webhook, Bot Connectors) refuse it until it is enabled again.')
  @ApiOkResponse({ type: ConnectionViewDto })
  disable(@Param('connectionId') connectionId: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    return this.registry.setDisabled(connectionId, true, key);
  }

  @Post(':connectionId/enable')
  @HttpCode(200)
  @Access('write')
  @ConnectionRoute('Enable a disabled connection', 'Idempotent.')
  @ApiOkResponse({ type: ConnectionViewDto })
  enable(@Param('connectionId') connectionId: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionViewDto> {
    return this.registry.setDisabled(connectionId, false, key);
  }

  @Post(':connectionId/secrets/rotate')
  @HttpCode(200)
  @Access('write')
  @ConnectionRoute(
    'Rotate a secret with a grace period',
    'The new value becomes current at once; the previous one stays valid for graceSeconds (default 24 h) so Genesys can be updated meanwhile. ' +
      'webhookSecret: the Open Messaging signature secret; botConnectorVerifyToken / botConnectorJwtSecret: a Bot Connector’s credential.',
  )
  @ApiOkResponse({ type: SecretRotatedDto })
  @ApiBadRequestResponse({ description: 'Invalid field (by path)', schema: VALIDATION_ERROR_SCHEMA })
  rotate(@Param('connectionId') connectionId: string, @Body() dto: RotateSecretDto, @CurrentApiKey() key: ApiKeyPrincipal): Promise<SecretRotatedDto> {
    return this.registry.rotate(connectionId, dto, key);
  }

  @Post(':connectionId/check')
  @HttpCode(200)
  @Access('read')
  @ConnectionRoute(
    'Check the Genesys credentials',
    'Fetches a client-credentials token for the connection’s region and lists one queue. Answers 200 either way: ok, or problems with a code ' +
      '(unknown-region, bad-client, unreachable, missing-permission) and a message saying what to fix.',
  )
  @ApiOkResponse({ type: ConnectionCheckDto })
  async check(@Param('connectionId') connectionId: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<ConnectionCheckDto> {
    return this.checks.check(await this.registry.load(connectionId, key));
  }
}
