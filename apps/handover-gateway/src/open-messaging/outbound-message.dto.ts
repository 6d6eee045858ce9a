import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIdentifier, NO_CONTROL_CHARACTERS, OptionalText } from '@genesys-bridge/service-runtime';

// The "Outbound Open NormalizedMessage" Genesys POSTs to the integration's webhook (genesys-api.md §2.5).
// Every field we know is declared (undeclared ones are dropped by the whitelisting pipe, so Genesys may
// add fields without breaking us). Free-form sub-objects whose shapes Genesys does not pin down
// (quick replies, cards, notifications, …) are checked to be objects and kept whole.

export const OPEN_MESSAGE_TYPES = ['Text', 'Structured', 'Receipt', 'Event'] as const;
export type OpenMessageType = (typeof OPEN_MESSAGE_TYPES)[number];
export const ORIGINATING_ENTITIES = ['Human', 'Bot'] as const;
export const DIRECTIONS = ['Inbound', 'Outbound'] as const;

/** Longest Genesys message id we accept: leaves room in the 255-character key column for a receipt suffix. */
export const MAX_MESSAGE_ID_LENGTH = 200;
/** The conversation key column holds 255 characters. */
export const MAX_CONVERSATION_KEY_LENGTH = 255;
export const MAX_CONTENT_ITEMS = 100;
export const MAX_EVENTS = 50;

/** An optional free-form object, kept as Genesys sent it. */
function OptionalObject(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ type: 'object', additionalProperties: true }), IsOptional(), IsObject());
}

/** The name and contact fields Genesys may put on `channel.to` and `channel.from`. */
class OpenMessagingAddressFields {
  @ApiPropertyOptional({ example: 'Opaque', description: 'Email | Phone | Opaque' })
  @OptionalText(32)
  idType?: string;

  @ApiPropertyOptional()
  @OptionalText(1_000)
  nickname?: string;

  @ApiPropertyOptional()
  @OptionalText(1_000)
  firstName?: string;

  @ApiPropertyOptional()
  @OptionalText(1_000)
  lastName?: string;

  @ApiPropertyOptional()
  @OptionalText(4_096)
  image?: string;

  @ApiPropertyOptional()
  @OptionalText(1_000)
  email?: string;
}

/** `channel.to`: the customer the message is for. */
export class OpenMessagingToDto extends OpenMessagingAddressFields {
  @ApiProperty({ description: 'The customer address (as sent on inbound messages)', maxLength: MAX_CONVERSATION_KEY_LENGTH })
  @IsIdentifier(MAX_CONVERSATION_KEY_LENGTH)
  id!: string;
}

/** `channel.from`: the integration (its name as nickname). */
export class OpenMessagingFromDto extends OpenMessagingAddressFields {
  @ApiPropertyOptional()
  @OptionalText(MAX_CONVERSATION_KEY_LENGTH)
  id?: string;
}

export class OpenMessagingChannelDto {
  @ApiProperty({ description: 'The Open Messaging integration id' })
  @IsIdentifier(MAX_CONVERSATION_KEY_LENGTH)
  id!: string;

  @ApiProperty({ example: 'Open' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  platform!: string;

  @ApiProperty({ example: 'Private' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  type!: string;

  @ApiPropertyOptional({ description: 'Usually the message id again' })
  @OptionalText(MAX_CONVERSATION_KEY_LENGTH)
  messageId?: string;

  @ApiProperty({ type: OpenMessagingToDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OpenMessagingToDto)
  to!: OpenMessagingToDto;

  @ApiPropertyOptional({ type: OpenMessagingFromDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpenMessagingFromDto)
  from?: OpenMessagingFromDto;

  @ApiProperty({ example: '2021-02-01T15:04:05.123Z', description: 'ISO-8601' })
  @IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 date-time' })
  time!: string;

  @OptionalObject()
  metadata?: Record<string, unknown>;
}

export class OpenMessagingAttachmentDto {
  @ApiPropertyOptional()
  @OptionalText(MAX_CONVERSATION_KEY_LENGTH)
  id?: string;

  @ApiProperty({ example: 'Image', description: 'Image | Video | Audio | File | Link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  mediaType!: string;

  @ApiProperty({ description: 'A Genesys download URL' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8_192)
  url!: string;

  @ApiPropertyOptional()
  @OptionalText(255)
  mime?: string;

  @ApiPropertyOptional()
  @OptionalText(1_000)
  filename?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  contentSizeBytes?: number;

  @ApiPropertyOptional()
  @OptionalText(100_000)
  text?: string;

  @ApiPropertyOptional()
  @OptionalText(128)
  sha256?: string;
}

/** One element of `content`: a `contentType` plus the lower-camel key holding the item, e.g. `quickReply`. */
export class OpenMessagingContentDto {
  @ApiProperty({ example: 'QuickReply', description: 'Attachment | QuickReply | Card | Carousel | Notification | ButtonResponse | …' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  contentType!: string;

  @ApiPropertyOptional({ type: OpenMessagingAttachmentDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpenMessagingAttachmentDto)
  attachment?: OpenMessagingAttachmentDto;

  @OptionalObject()
  quickReply?: Record<string, unknown>;

  @OptionalObject()
  buttonResponse?: Record<string, unknown>;

  @OptionalObject()
  card?: Record<string, unknown>;

  @OptionalObject()
  carousel?: Record<string, unknown>;

  @OptionalObject()
  notification?: Record<string, unknown>;

  @OptionalObject()
  template?: Record<string, unknown>;

  @OptionalObject()
  datePicker?: Record<string, unknown>;

  @OptionalObject()
  list?: Record<string, unknown>;

  @OptionalObject()
  location?: Record<string, unknown>;

  @OptionalObject()
  story?: Record<string, unknown>;

  @OptionalObject()
  interactiveApplication?: Record<string, unknown>;
}

export class OpenMessagingTypingDto {
  @ApiProperty({ example: 'On' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  type!: string;

  @ApiPropertyOptional({ description: 'Milliseconds', example: 5000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  duration?: number;
}

export class OpenMessagingEventDto {
  @ApiProperty({ example: 'Typing', description: 'Only Typing is documented for Open Messaging' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  eventType!: string;

  @ApiPropertyOptional({ type: OpenMessagingTypingDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpenMessagingTypingDto)
  typing?: OpenMessagingTypingDto;

  @OptionalObject()
  presence?: Record<string, unknown>;
}

/**
 * POST /genesys/open-messaging/{connectionId}/webhook: one agent/bot message, typing event or receipt.
 * `conversationId` is in every observed payload but not in a published schema (UNCONFIRMED): without it
 * the customer address `channel.to.id` keys the conversation instead.
 */
export class OutboundOpenMessageDto {
  @ApiProperty({ description: 'Genesys message id (receipts: the id of the message acknowledged); retries repeat it', maxLength: MAX_MESSAGE_ID_LENGTH })
  @IsIdentifier(MAX_MESSAGE_ID_LENGTH)
  id!: string;

  @ApiProperty({ type: OpenMessagingChannelDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OpenMessagingChannelDto)
  channel!: OpenMessagingChannelDto;

  @ApiPropertyOptional({ description: 'Genesys conversation id (UNCONFIRMED; channel.to.id keys the conversation when absent)' })
  @IsOptional()
  @IsIdentifier(MAX_CONVERSATION_KEY_LENGTH)
  conversationId?: string;

  @ApiProperty({ enum: DIRECTIONS, example: 'Outbound' })
  @IsIn(DIRECTIONS)
  direction!: (typeof DIRECTIONS)[number];

  @ApiPropertyOptional({ enum: ORIGINATING_ENTITIES, description: 'Required on Text and Structured messages; events and receipts have none' })
  @ValidateIf((message: OutboundOpenMessageDto) => message.type === 'Text' || message.type === 'Structured' || message.originatingEntity !== undefined)
  @IsIn(ORIGINATING_ENTITIES)
  originatingEntity?: (typeof ORIGINATING_ENTITIES)[number];

  @ApiProperty({ enum: OPEN_MESSAGE_TYPES })
  @IsIn(OPEN_MESSAGE_TYPES)
  type!: OpenMessageType;

  @ApiPropertyOptional({ description: 'No length limit beyond the body limit: Genesys publishes none (UNCONFIRMED) and a refused message would be lost' })
  @IsOptional()
  @IsString()
  text?: string;

  @ApiPropertyOptional({ type: [OpenMessagingContentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTENT_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => OpenMessagingContentDto)
  content?: OpenMessagingContentDto[];

  @ApiPropertyOptional({ type: [OpenMessagingEventDto], description: 'Required when type is Event' })
  @ValidateIf((message: OutboundOpenMessageDto) => message.type === 'Event' || message.events !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => OpenMessagingEventDto)
  events?: OpenMessagingEventDto[];

  @ApiPropertyOptional({ example: 'Delivered', description: 'Receipts: Sent | Delivered | Read | Failed | Published | Removed; required when type is Receipt' })
  @ValidateIf((message: OutboundOpenMessageDto) => message.type === 'Receipt' || message.status !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  @Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' })
  status?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Receipts: [{code, message}]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVENTS)
  @IsObject({ each: true })
  reasons?: Record<string, unknown>[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isFinalReceipt?: boolean;

  @OptionalObject()
  metadata?: Record<string, unknown>;
}
