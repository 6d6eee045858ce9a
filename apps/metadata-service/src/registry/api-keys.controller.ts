import { Body, Controller, Delete, Get, HttpCode, Param, ParseBoolPipe, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createValidationPipe, JsonObjectBodyPipe } from '@genesys-bridge/service-runtime';
import { Access, type ApiKeyPrincipal, ApiKeyGuard, CurrentApiKey } from '../auth';
import { ApiKeyViewDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';
import { ERROR_SCHEMA, VALIDATION_ERROR_SCHEMA } from './error-schemas';

@ApiTags('API keys')
@Controller('api-keys')
@UseGuards(ApiKeyGuard)
@UsePipes(new JsonObjectBodyPipe({ optional: true }), createValidationPipe())
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Create an API key', description: 'The answer carries the key once; only its SHA-256 is stored. A key bound to a connection can only create keys for that connection.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiBadRequestResponse({ description: 'Invalid field (by path), or an unknown connectionId', schema: VALIDATION_ERROR_SCHEMA })
  create(@Body() dto: CreateApiKeyDto, @CurrentApiKey() key: ApiKeyPrincipal): Promise<CreatedApiKeyDto> {
    return this.keys.create(dto, key);
  }

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'List API keys', description: 'Never the keys themselves. A key bound to a connection sees that connection’s keys.' })
  @ApiQuery({ name: 'includeRevoked', required: false, type: Boolean })
  @ApiOkResponse({ type: [ApiKeyViewDto] })
  list(@CurrentApiKey() key: ApiKeyPrincipal, @Query('includeRevoked', new ParseBoolPipe({ optional: true })) includeRevoked?: boolean): Promise<ApiKeyViewDto[]> {
    return this.keys.list(key, includeRevoked ?? false);
  }

  @Delete(':apiKeyId')
  @HttpCode(204)
  @Access('write')
  @ApiOperation({ summary: 'Revoke an API key', description: 'It stops working at once and stays listed with revokedAt.' })
  @ApiParam({ name: 'apiKeyId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'Unknown key, already revoked, or one this key may not see', schema: ERROR_SCHEMA })
  async revoke(@Param('apiKeyId') apiKeyId: string, @CurrentApiKey() key: ApiKeyPrincipal): Promise<void> {
    await this.keys.revoke(apiKeyId, key);
  }
}
