import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ARRAY_MODES,
  type ArrayMode,
  type DropReason,
  PARTICIPANT_DATA_CHANNEL_NAMES,
  type ParticipantDataChannel,
  type ParticipantProfile,
  SEPARATOR_PATTERN,
} from '@genesys-bridge/participant-data';
import { IsJsonObjectOrString } from '@genesys-bridge/service-runtime';
import { MAX_PREVIEW_CUSTOM_ATTRIBUTES, MAX_PREVIEW_VALUE_LENGTH } from './preview-input-problems';

// POST /participant-data/preview. The routing and profile fields take the same bounds as the handover API's start
// (apps/handover-gateway, handover-api.dto.ts), so what previews here is what a handover start accepts.

export class PreviewProfileDto implements ParticipantProfile {
  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  nickname?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;
}

export class ParticipantDataPreviewDto {
  @ApiProperty({
    enum: PARTICIPANT_DATA_CHANNEL_NAMES,
    description:
      'Whose limits apply: `bot-flow` (Bot Connector `parameters`: 50 attributes, values ≤ 256 characters), `open-messaging` ' +
      '(handover `customAttributes`: the same plus 2048 bytes, as the handover gateway sends them), `web-messaging` (2048 bytes)',
  })
  @IsIn(PARTICIPANT_DATA_CHANNEL_NAMES)
  channel!: ParticipantDataChannel;

  @ApiPropertyOptional({
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
    description: `Any JSON object (or a JSON string of one). Names: not blank, no control characters, ≤ 256 characters; string values ≤ ${MAX_PREVIEW_VALUE_LENGTH} characters`,
  })
  @IsOptional()
  @IsJsonObjectOrString()
  genesysMetaData?: Record<string, unknown> | string;

  @ApiPropertyOptional({ description: 'Participant data `QueueName`', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  queueName?: string;

  @ApiPropertyOptional({ type: [String], description: 'Participant data `Skills` (joined with ",")', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ description: 'Participant data `Language`', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  language?: string;

  @ApiPropertyOptional({ description: 'Participant data `Priority` (rounded, clamped to ±25,000,000)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  priority?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: `Participant data as given (flat name → string), at most ${MAX_PREVIEW_CUSTOM_ATTRIBUTES} names`,
  })
  @IsOptional()
  @IsObject()
  customAttributes?: Record<string, string>;

  @ApiPropertyOptional({ type: PreviewProfileDto, description: 'The customer profile; sent as `customer.firstName` … only with sendProfile' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PreviewProfileDto)
  profile?: PreviewProfileDto;

  @ApiPropertyOptional({ description: 'Adds the profile fields as participant data' })
  @IsOptional()
  @IsBoolean()
  sendProfile?: boolean;

  @ApiPropertyOptional({ description: 'Joins nested keys (default "."): one to three of . _ - : /', example: '.' })
  @IsOptional()
  @IsString()
  @Matches(SEPARATOR_PATTERN, { message: 'separator must be one to three of . _ - : /' })
  separator?: string;

  @ApiPropertyOptional({ enum: ARRAY_MODES, description: '`indexed` (default: `tags[0]`, `tags[1]`, as the gateways send) or `joined` (`tags` = `a,b`)' })
  @IsOptional()
  @IsIn(ARRAY_MODES)
  arrays?: ArrayMode;
}

// Answer (documentation only).

export class ChannelLimitsDto {
  @ApiProperty()
  maxAttributes!: number;

  @ApiProperty({ description: 'UTF-16 code units' })
  maxValueLength!: number;

  @ApiPropertyOptional({ description: 'UTF-8 bytes of all names plus values; absent when the channel has no budget' })
  maxTotalBytes?: number;
}

export class DroppedAttributeDto {
  @ApiProperty()
  key!: string;

  @ApiProperty({ enum: ['collision', 'overridden', 'invalid-value', 'empty-name', 'maxAttributes', 'maxTotalBytes'] })
  reason!: DropReason;

  @ApiPropertyOptional({ description: 'The value that was dropped, when there was one' })
  value?: string;
}

export class TruncatedAttributeDto {
  @ApiProperty()
  key!: string;

  @ApiProperty({ description: 'Length before the cut, in UTF-16 code units' })
  from!: number;

  @ApiProperty({ description: 'Length after the cut' })
  to!: number;
}

export class ParticipantDataPreviewResultDto {
  @ApiProperty({ enum: PARTICIPANT_DATA_CHANNEL_NAMES })
  channel!: ParticipantDataChannel;

  @ApiProperty({ type: ChannelLimitsDto })
  limits!: ChannelLimitsDto;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Exactly what Genesys gets, in priority order' })
  attributes!: Record<string, string>;

  @ApiProperty({ type: [String], description: 'Everything that changed on the way, in the order it happened' })
  warnings!: string[];

  @ApiProperty({ type: [DroppedAttributeDto] })
  dropped!: DroppedAttributeDto[];

  @ApiProperty({ type: [TruncatedAttributeDto] })
  truncated!: TruncatedAttributeDto[];

  @ApiProperty({ description: 'UTF-8 bytes of all names plus values of `attributes`' })
  bytes!: number;
}
