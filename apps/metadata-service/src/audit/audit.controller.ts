import { Controller, Get, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogRepository } from '@genesys-bridge/persistence';
import { createValidationPipe } from '@genesys-bridge/service-runtime';
import { Access, type ApiKeyPrincipal, ApiKeyGuard, CurrentApiKey } from '../auth';
import { AuditPageDto, AuditQueryDto } from './audit.dto';

@ApiTags('audit')
@Controller('audit')
@UseGuards(ApiKeyGuard)
@UsePipes(createValidationPipe())
export class AuditController {
  constructor(private readonly audit: AuditLogRepository) {}

  @Get()
  @Access('read')
  @ApiOperation({
    summary: 'Read the audit log of the tenant registry',
    description: 'Newest first. Who (API key id and name), what (action, field names — never secret values), when, on which connection.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ description: 'Invalid query parameter (by name)' })
  async list(@Query() query: AuditQueryDto, @CurrentApiKey() key: ApiKeyPrincipal): Promise<AuditPageDto> {
    // The guard already answered 404 to a bound key asking for another connection; without a filter it gets its own.
    const connectionId = query.connectionId ?? key.connectionId ?? undefined;
    const limit = query.limit ?? 100;
    const entries = await this.audit.list({ connectionId, before: query.before ? new Date(query.before) : undefined, limit });
    return {
      entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      nextBefore: entries.length === limit ? (entries.at(-1)?.at.toISOString() ?? null) : null,
    };
  }
}
