import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { API_KEY_SCOPES, type ApiKeyScope } from '@genesys-bridge/persistence';

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: 200, example: 'ci-pipeline', description: 'Who or what uses the key (shown in the audit log)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^\P{Cc}*$/u, { message: '$property must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, description: 'admin: read and write; read-only: read' })
  @IsIn(API_KEY_SCOPES)
  scope!: ApiKeyScope;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Bind the key to one connection; absent = every connection (a bound key can only create keys for its own connection)' })
  @IsOptional()
  @IsUUID()
  connectionId?: string | null;
}

export class ApiKeyViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_KEY_SCOPES }) scope!: ApiKeyScope;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null = every connection' }) connectionId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Updated at most once a minute' }) lastUsedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyViewDto {
  @ApiProperty({ description: 'The key. Shown this once: only its hash is stored.', example: 'gbk_…' }) key!: string;
}
