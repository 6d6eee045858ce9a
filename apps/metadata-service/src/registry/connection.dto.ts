import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { IsIdentifier } from '@genesys-bridge/service-runtime';

// The tenant registry's request bodies. Strict: the validation pipe refuses unknown fields, so a misspelt field is a
// 400 naming it. Secrets are write-only: they appear in requests, never in responses.

/** An AWS region id (`eu-west-1`) or a Genesys domain (`mypurecloud.ie`); whether Genesys knows it is for `check`. */
const REGION = /^[a-z0-9][a-z0-9.-]{1,63}$/;
const PLATFORM = /^[a-z][a-z0-9-]{0,31}$/;
const SECRET_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;
export const MAX_PLATFORM_SECRETS = 50;
export const MAX_SECRET_LENGTH = 4_000;
/** Genesys refuses an Open Messaging signature secret of 15 characters or fewer (genesys-api.md §2.2). */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;
export const DEFAULT_GRACE_SECONDS = 24 * 3600;
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;

/** `botPlatformSecrets`: names → a secret or a list of secrets (current first); `null` removes one (PATCH only). */
function IsPlatformSecrets(allowNull: boolean): PropertyDecorator {
  return ValidateBy({
    name: 'isPlatformSecrets',
    validator: {
      validate: (value: unknown) => platformSecretsProblem(value, allowNull) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} ${platformSecretsProblem(args?.value, allowNull)}`,
    },
  });
}

function platformSecretsProblem(value: unknown, allowNull: boolean): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of secret names to values';
  const entries = Object.entries(value);
  if (entries.length > MAX_PLATFORM_SECRETS) return `must have at most ${MAX_PLATFORM_SECRETS} secrets`;
  const secret = (item: unknown) => typeof item === 'string' && item !== '' && item.length <= MAX_SECRET_LENGTH;
  for (const [key, item] of entries) {
    if (!SECRET_KEY.test(key)) return 'has a name that is not 1-100 letters, digits, _ or - starting with a letter';
    if (item === null && allowNull) continue;
    if (!secret(item) && !(Array.isArray(item) && item.length >= 1 && item.length <= 10 && item.every(secret))) {
      return `values must be non-empty strings of at most ${MAX_SECRET_LENGTH} characters, or lists of 1 to 10 of them${allowNull ? ', or null to remove one' : ''}`;
    }
  }
  return null;
}

export class CreateConnectionDto {
  @ApiProperty({ maxLength: 200, example: 'acme-prod', description: 'Unique name' })
  @IsIdentifier(200)
  name!: string;

  @ApiProperty({ example: 'eu-west-1', description: 'AWS region id or Genesys domain (genesys-api.md §7); `POST …/check` says whether Genesys knows it' })
  @IsString()
  @Matches(REGION, { message: '$property must be an AWS region id such as eu-west-1 or a Genesys domain such as mypurecloud.ie' })
  genesysRegion!: string;

  @ApiPropertyOptional({ nullable: true, example: 'https://api.mypurecloud.ie', description: 'Overrides the region’s API host (a proxy, the simulator); set together with genesysLoginBaseUrl' })
  @IsOptional()
  @IsIdentifier(500)
  genesysApiBaseUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'https://login.mypurecloud.ie' })
  @IsOptional()
  @IsIdentifier(500)
  genesysLoginBaseUrl?: string | null;

  @ApiProperty({ maxLength: 200, description: 'OAuth client (client credentials grant) id' })
  @IsIdentifier(200)
  genesysClientId!: string;

  @ApiProperty({ writeOnly: true, description: 'OAuth client secret (write-only: stored encrypted, never returned)' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SECRET_LENGTH)
  genesysClientSecret!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 64, description: 'Open Messaging integration id' })
  @IsOptional()
  @IsIdentifier(64)
  openMessagingIntegrationId?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 64, description: 'Bot Connector integration id' })
  @IsOptional()
  @IsIdentifier(64)
  botConnectorIntegrationId?: string | null;

  @ApiPropertyOptional({ writeOnly: true, minLength: MIN_WEBHOOK_SECRET_LENGTH, description: 'Open Messaging webhook signature secret (write-only)' })
  @IsOptional()
  @IsString()
  @MinLength(MIN_WEBHOOK_SECRET_LENGTH)
  @MaxLength(MAX_SECRET_LENGTH)
  webhookSecret?: string;

  @ApiProperty({ example: 'cognigy', description: 'generic, cognigy, kore, … (informational)' })
  @IsString()
  @Matches(PLATFORM, { message: '$property must be 1-32 lower-case letters, digits or dashes' })
  botPlatform!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Non-secret per-connection settings: endpointBaseUrl, botKitClientId, botKitBotIds, sendProfile, handoverNotices {userJoined, userLeft}, showAgentProfile, ' +
      'relayGenesysBotMessages, cognigyTypingNotify, dropUnsupportedContent, defaultQueueName/Id, fallbackQueueName/Id, openMessagingDeploymentName, ' +
      'allowPrivateCallbackUrls (keys for all connections only). Known keys are type-checked; every *Url is SSRF-checked.',
  })
  @IsOptional()
  @IsObject()
  botPlatformSettings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, writeOnly: true, description: 'Bot-platform secrets (write-only): name → secret or list of secrets, current first (e.g. handoverApiKeys, urlToken, botKitClientSecret)' })
  @IsOptional()
  @IsPlatformSecrets(false)
  botPlatformSecrets?: Record<string, string | string[]>;
}

/** Every field optional; `null` clears a nullable field. `botPlatformSettings` is merged (null removes a key). */
export class UpdateConnectionDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsIdentifier(200)
  name?: string;

  @ApiPropertyOptional({ example: 'eu-central-1' })
  @IsOptional()
  @IsString()
  @Matches(REGION, { message: '$property must be an AWS region id such as eu-west-1 or a Genesys domain such as mypurecloud.ie' })
  genesysRegion?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsIdentifier(500)
  genesysApiBaseUrl?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsIdentifier(500)
  genesysLoginBaseUrl?: string | null;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsIdentifier(200)
  genesysClientId?: string;

  @ApiPropertyOptional({ writeOnly: true, description: 'Replaces the OAuth client secret (write-only)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SECRET_LENGTH)
  genesysClientSecret?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsIdentifier(64)
  openMessagingIntegrationId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsIdentifier(64)
  botConnectorIntegrationId?: string | null;

  @ApiPropertyOptional({ nullable: true, writeOnly: true, description: 'Replaces the webhook secret at once, or removes it (null). To keep the previous one valid meanwhile, use POST …/secrets/rotate' })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsString()
  @MinLength(MIN_WEBHOOK_SECRET_LENGTH)
  @MaxLength(MAX_SECRET_LENGTH)
  webhookSecret?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(PLATFORM, { message: '$property must be 1-32 lower-case letters, digits or dashes' })
  botPlatform?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Merged into the stored settings (JSON merge patch, top level): null removes a key' })
  @IsOptional()
  @IsObject()
  botPlatformSettings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, writeOnly: true, description: 'Merged into the stored secrets: a value sets one, null removes it' })
  @IsOptional()
  @IsPlatformSecrets(true)
  botPlatformSecrets?: Record<string, string | string[] | null>;
}

export const ROTATABLE_SECRETS = ['webhookSecret', 'botConnectorVerifyToken', 'botConnectorJwtSecret'] as const;
export type RotatableSecret = (typeof ROTATABLE_SECRETS)[number];

export class RotateSecretDto {
  @ApiProperty({
    enum: ROTATABLE_SECRETS,
    description: 'webhookSecret: the connection’s Open Messaging signature secret; botConnectorVerifyToken / botConnectorJwtSecret: a Bot Connector’s credential (needs connectorId)',
  })
  @IsIn(ROTATABLE_SECRETS)
  secret!: RotatableSecret;

  @ApiProperty({ writeOnly: true, minLength: MIN_WEBHOOK_SECRET_LENGTH, description: 'The new value (write-only). Give the same value to Genesys.' })
  @IsString()
  @MinLength(MIN_WEBHOOK_SECRET_LENGTH)
  @MaxLength(MAX_SECRET_LENGTH)
  value!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_GRACE_SECONDS, default: DEFAULT_GRACE_SECONDS, description: 'How long the previous value stays valid (0 = not at all)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_SECONDS)
  graceSeconds?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The Bot Connector (of this connection) whose credential rotates' })
  @ValidateIf((dto: RotateSecretDto) => dto.secret !== 'webhookSecret' || dto.connectorId !== undefined)
  @IsUUID()
  connectorId?: string;
}
