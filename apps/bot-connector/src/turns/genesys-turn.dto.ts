import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/** A flat string → string map, as Genesys sends Architect parameters (no nesting, no numbers). */
function IsStringMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string'),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an object whose values are all strings`,
      },
    },
    options,
  );
}

export class ButtonResponseDto {
  @ApiProperty({ enum: ['QuickReply', 'Button'] })
  @IsIn(['QuickReply', 'Button'])
  type!: 'QuickReply' | 'Button';

  @ApiProperty()
  @IsString()
  @MaxLength(2_000)
  text!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(2_000)
  payload!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  originatingMessageId?: string;
}

export class InputContentDto {
  /** Only ButtonResponse is sent in structured input today (genesys-api.md §1.2). */
  @ApiProperty({ enum: ['ButtonResponse'] })
  @IsIn(['ButtonResponse'])
  contentType!: 'ButtonResponse';

  @ApiProperty({ type: ButtonResponseDto })
  @ValidateNested()
  @Type(() => ButtonResponseDto)
  buttonResponse!: ButtonResponseDto;
}

export class InputMessageDto {
  @ApiProperty({ enum: ['Text', 'Structured'] })
  @IsIn(['Text', 'Structured'])
  type!: 'Text' | 'Structured';

  @ApiPropertyOptional()
  @ValidateIf((input: InputMessageDto) => input.type === 'Text' || input.text !== undefined)
  @IsString()
  @MaxLength(20_000)
  text?: string;

  @ApiPropertyOptional({ type: [InputContentDto] })
  @ValidateIf((input: InputMessageDto) => input.type === 'Structured' || input.content !== undefined)
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => InputContentDto)
  content?: InputContentDto[];
}

class TurnFields {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  botId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  botVersion!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  botSessionId!: string;

  @ApiProperty({ description: 'Unique per turn; a repeated messageId gets the stored answer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  messageId!: string;

  @ApiProperty({ type: InputMessageDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InputMessageDto)
  inputMessage!: InputMessageDto;

  @ApiPropertyOptional({ example: 'en-us' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  languageCode?: string;

  @ApiPropertyOptional({ description: 'Minutes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  botSessionTimeout?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringMap()
  parameters?: Record<string, string>;
}

/** POST /bot-connector/v1/{connectorId}: what Genesys' Call Bot Connector sends (genesys-api.md §1.2). */
export class BotConnectorV1RequestDto extends TurnFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  genesysConversationId?: string;
}

/** POST /bot-connector/v2/{connectorId}/messages: Digital Bot Connector's IncomingMessageRequest (§1.6). */
export class BotConnectorV2RequestDto extends TurnFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  conversationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  integrationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  botName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  messagingPlatformType?: string;
}
