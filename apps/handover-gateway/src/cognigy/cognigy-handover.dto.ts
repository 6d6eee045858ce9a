import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsIdentifier, OptionalText } from '@genesys-bridge/service-runtime';
import { MAX_MESSAGE_ID_LENGTH, MAX_TEXT_LENGTH, MAX_TRANSCRIPT_LINES, TranscriptLineDto } from '../handover-api/handover-api.dto';

/** Cognigy ids are keyed together (`[userId, sessionId]`), so each stays well inside the 255-character key. */
export const MAX_COGNIGY_ID_LENGTH = 120;

/** The Cognigy user and session every call names (`ci.userId`, `ci.sessionId` in a transformer). */
export class CognigySessionDto {
  @ApiProperty({ maxLength: MAX_COGNIGY_ID_LENGTH })
  @IsIdentifier(MAX_COGNIGY_ID_LENGTH)
  userId!: string;

  @ApiProperty({ maxLength: MAX_COGNIGY_ID_LENGTH })
  @IsIdentifier(MAX_COGNIGY_ID_LENGTH)
  sessionId!: string;
}

export class CognigyProfileDto {
  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;
}

/**
 * POST /cognigy/{connectionId}/handover: what a Webhook/Socket endpoint transformer's `handleOutput` sees when the
 * Flow outputs a handover request — `{userId, sessionId, text, data}` with `data.handover = {QueueName, skills,
 * language, priority, GenesysMetaData, customAttributes, reason}` — plus optional profile and transcript.
 */
export class CognigyHandoverStartDto extends CognigySessionDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT_LENGTH, description: 'Opens the Genesys conversation (default: the reason, or a standard sentence)' })
  @OptionalText(MAX_TEXT_LENGTH)
  text?: string;

  @ApiPropertyOptional({ description: 'Idempotency key of the opening message (default: a new id)', maxLength: MAX_MESSAGE_ID_LENGTH })
  @IsOptional()
  @IsIdentifier(MAX_MESSAGE_ID_LENGTH)
  messageId?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The Flow output data; `data.handover` holds QueueName, skills, language, priority, GenesysMetaData (object or JSON string), customAttributes (flat strings) and reason',
  })
  @IsObject()
  data!: Record<string, unknown>;

  @ApiPropertyOptional({ type: CognigyProfileDto, description: "Sent as participant data when the connection's sendProfile is on" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CognigyProfileDto)
  profile?: CognigyProfileDto;

  @ApiPropertyOptional({ type: [TranscriptLineDto], description: 'The conversation with the bot, sent to the agent first as one message', maxItems: MAX_TRANSCRIPT_LINES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRANSCRIPT_LINES)
  @ValidateNested({ each: true })
  @Type(() => TranscriptLineDto)
  transcript?: TranscriptLineDto[];
}

/** POST /cognigy/{connectionId}/messages: the user input `handleInput` forwards while the handover is active. */
export class CognigyUserMessageDto extends CognigySessionDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT_LENGTH, description: 'The text (a quick-reply tap arrives as its payload text)' })
  @OptionalText(MAX_TEXT_LENGTH)
  text?: string;

  @ApiPropertyOptional({ description: 'Idempotency key (default: a new id, so a retried request could be stored twice)', maxLength: MAX_MESSAGE_ID_LENGTH })
  @IsOptional()
  @IsIdentifier(MAX_MESSAGE_ID_LENGTH)
  messageId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '`data.attachments: [{url, name?, mimeType?}]` become attachments' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

/** POST /cognigy/{connectionId}/end. */
export class CognigyEndDto extends CognigySessionDto {
  @ApiPropertyOptional({ maxLength: 64, description: "Default 'user-ended'" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reason?: string;
}

/** What the Flow's Handover Status lookup switches on (bot-platforms.md §A8). */
export class CognigyHandoverStatusDto {
  @ApiProperty({ enum: ['queue', 'active', 'completed', 'cancelled', 'error'] })
  status!: string;

  @ApiProperty({ format: 'uuid' })
  handoverId!: string;

  @ApiProperty({ type: String, nullable: true })
  endReason!: string | null;
}
