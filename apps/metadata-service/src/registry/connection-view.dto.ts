import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes of the tenant registry, for OpenAPI. No secret value is ever part of them.

export class SecretStateDto {
  @ApiProperty() set!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the value was last written' }) setAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it was last rotated (POST …/secrets/rotate)' }) rotatedAt!: string | null;
}

export class PreviousSecretDto {
  @ApiProperty({ description: 'The value before the last rotation is still accepted' }) set!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Until when (null: until the next change)' }) validUntil!: string | null;
}

export class WebhookSecretStateDto extends SecretStateDto {
  @ApiProperty({ type: PreviousSecretDto }) previous!: PreviousSecretDto;
}

export class ConnectionSecretsDto {
  @ApiProperty({ type: SecretStateDto }) genesysClientSecret!: SecretStateDto;
  @ApiProperty({ type: WebhookSecretStateDto }) webhookSecret!: WebhookSecretStateDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SecretStateDto' }, description: 'Per bot-platform secret name' })
  botPlatformSecrets!: Record<string, SecretStateDto>;
}

export class ConnectionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() genesysRegion!: string;
  @ApiProperty({ nullable: true, type: String }) genesysApiBaseUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) genesysLoginBaseUrl!: string | null;
  @ApiProperty() genesysClientId!: string;
  @ApiProperty({ nullable: true, type: String }) openMessagingIntegrationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) botConnectorIntegrationId!: string | null;
  @ApiProperty() botPlatform!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) botPlatformSettings!: Record<string, unknown>;
  @ApiProperty({ description: 'False while disabled: the intake endpoints refuse the connection' }) enabled!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) disabledAt!: string | null;
  @ApiProperty({ type: ConnectionSecretsDto, description: 'Which secrets are set (values are write-only)' }) secrets!: ConnectionSecretsDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Increases with every change' }) version!: number;
}

export class SecretRotatedDto {
  @ApiProperty() secret!: string;
  @ApiPropertyOptional({ format: 'uuid' }) connectorId?: string;
  @ApiProperty({ format: 'date-time' }) rotatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The previous value is accepted until then (null: there was none, or grace 0)' })
  previousValidUntil!: string | null;
}

export const CHECK_PROBLEM_CODES = ['unknown-region', 'bad-client', 'unreachable', 'missing-permission'] as const;
export type CheckProblemCode = (typeof CHECK_PROBLEM_CODES)[number];

export class CheckProblemDto {
  @ApiProperty({ enum: CHECK_PROBLEM_CODES }) code!: CheckProblemCode;
  @ApiProperty({ description: 'What is wrong and what to do, in words' }) message!: string;
}

export class ConnectionCheckDto {
  @ApiProperty({ description: 'A token was issued and the permission probe passed' }) ok!: boolean;
  @ApiProperty({ type: [CheckProblemDto] }) problems!: CheckProblemDto[];
  @ApiPropertyOptional({ description: 'The OAuth host that was asked' }) loginBaseUrl?: string;
  @ApiPropertyOptional({ description: 'The API host that was asked' }) apiBaseUrl?: string;
}
