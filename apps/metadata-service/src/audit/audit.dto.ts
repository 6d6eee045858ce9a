import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_AUDIT_PAGE } from '@genesys-bridge/persistence';

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only entries about this connection (a key bound to a connection always gets only its own)' })
  @IsOptional()
  @IsUUID()
  connectionId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries strictly older than this (pass the previous page’s nextBefore)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit?: number;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null for ADMIN_BOOTSTRAP_KEY and the command line' }) apiKeyId!: string | null;
  @ApiProperty() apiKeyName!: string;
  @ApiProperty({ example: 'connection.update' }) action!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) connectionId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Field paths and what happened to them (set, changed, removed, rotated); never a value of a secret',
    example: { genesysRegion: 'changed', 'botPlatformSecrets.urlToken': 'set' },
  })
  changes!: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) entries!: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Pass as before= for the next (older) page; null on the last page' }) nextBefore!: string | null;
}
