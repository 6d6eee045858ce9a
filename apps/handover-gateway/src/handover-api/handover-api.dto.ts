import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  isEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsIdentifier, IsJsonObjectOrString, NO_CONTROL_CHARACTERS, OptionalText } from '@genesys-bridge/service-runtime';
import type { TranscriptLine } from '../handovers/handover-transcript';

// The generic handover REST API (design.md §5 "Handover start", "User → agent"). Strict: the validation pipe
// refuses unknown fields, so a misspelt field is a 400 naming it instead of a silently lost value.

/** Longest message id we accept: room in the 255-character key column for our `#transcript` suffix. */
export const MAX_MESSAGE_ID_LENGTH = 200;
/** The platform conversation id column holds 255 characters. */
export const MAX_CONVERSATION_ID_LENGTH = 255;
/** Open Messaging's text limit is unconfirmed (genesys-api.md §2.7); this is a sanity bound, not Genesys'. */
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_TRANSCRIPT_LINES = 500;
export const MAX_TRANSCRIPT_LINE_LENGTH = 4_000;
export const MAX_CUSTOM_ATTRIBUTES = 200;
export const MAX_ATTACHMENTS = 10;
export const CUSTOMER_ID_TYPES = ['Email', 'Phone', 'Opaque'] as const;
/** Open Messaging attachment media types (genesys-api.md §2.5). */
export const ATTACHMENT_MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'] as const;

/** E.164: `+`, then up to 15 digits (genesys-api.md §2.4: `Phone (E.164)`). */
const E164 = /^\+[1-9]\d{1,14}$/;

/** A flat string → string map with at most `maxEntries` names, each non-empty and at most 255 characters. */
function IsStringMap(maxEntries: number): PropertyDecorator {
  return ValidateBy({
    name: 'isStringMap',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= maxEntries &&
        Object.entries(value).every(([name, entry]) => name !== '' && name.length <= 255 && typeof entry === 'string'),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'value'} must be an object of at most ${maxEntries} non-empty names (≤ 255 characters) whose values are all strings`,
    },
  });
}

/** The customer id in the form its `idType` promises: Genesys refuses a malformed Email or Phone id later, less clearly. */
function MatchesIdType(): PropertyDecorator {
  return ValidateBy({
    name: 'matchesIdType',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const idType = (args?.object as Partial<CustomerDto> | undefined)?.idType;
        if (typeof value !== 'string') return true; // IsString reports it
        if (idType === 'Email') return isEmail(value);
        if (idType === 'Phone') return E164.test(value);
        return true;
      },
      defaultMessage: (args?: ValidationArguments) =>
        (args?.object as Partial<CustomerDto> | undefined)?.idType === 'Phone'
          ? 'id must be an E.164 number (+ and up to 15 digits) when idType is Phone'
          : 'id must be an email address when idType is Email',
    },
  });
}

export class CustomerDto {
  @ApiProperty({ description: 'The customer as Genesys shows them (`channel.from.id`): an email address, an E.164 number or any opaque id', maxLength: 255 })
  @IsIdentifier(255)
  @MatchesIdType()
  id!: string;

  @ApiProperty({ enum: CUSTOMER_ID_TYPES })
  @IsIn(CUSTOMER_ID_TYPES)
  idType!: (typeof CUSTOMER_ID_TYPES)[number];

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  nickname?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;
}

export class TranscriptLineDto implements TranscriptLine {
  @ApiProperty({ enum: ['user', 'bot'] })
  @IsIn(['user', 'bot'])
  from!: 'user' | 'bot';

  @ApiProperty({ maxLength: MAX_TRANSCRIPT_LINE_LENGTH })
  @IsString()
  @MaxLength(MAX_TRANSCRIPT_LINE_LENGTH)
  text!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  time?: string;
}

export class FirstMessageDto {
  @ApiProperty({ description: "The bot platform's id of the message; also the idempotency key of the start", maxLength: MAX_MESSAGE_ID_LENGTH })
  @IsIdentifier(MAX_MESSAGE_ID_LENGTH)
  messageId!: string;

  @ApiProperty({ maxLength: MAX_TEXT_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TEXT_LENGTH)
  text!: string;
}

/** POST /handovers/{connectionId}. */
export class StartHandoverDto {
  @ApiProperty({ description: "The bot platform's id for this conversation; one open handover per conversation", maxLength: MAX_CONVERSATION_ID_LENGTH })
  @IsIdentifier(MAX_CONVERSATION_ID_LENGTH)
  conversationId!: string;

  @ApiProperty({ type: CustomerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;

  @ApiPropertyOptional({ description: 'Participant data `QueueName`, for Find Queue → Transfer to ACD', maxLength: 255 })
  @OptionalText(255)
  queueName?: string;

  @ApiPropertyOptional({ type: [String], description: 'Participant data `Skills` (joined with ",")', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ description: 'Participant data `Language`', maxLength: 64 })
  @OptionalText(64)
  language?: string;

  @ApiPropertyOptional({ description: 'Participant data `Priority` (rounded, clamped to ±25,000,000)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  priority?: number;

  @ApiPropertyOptional({
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
    description: 'Any JSON object (or a JSON string of one); flattened into participant data (`customer.tier`, `orders[0].id`)',
  })
  @IsOptional()
  @IsJsonObjectOrString()
  genesysMetaData?: Record<string, unknown> | string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Participant data as given (flat string → string)' })
  @IsOptional()
  @IsStringMap(MAX_CUSTOM_ATTRIBUTES)
  customAttributes?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Adds the customer profile fields as participant data `customer.firstName`, `customer.lastName`, `customer.nickname`, `customer.email`' })
  @IsOptional()
  @IsBoolean()
  sendProfile?: boolean;

  @ApiPropertyOptional({ type: [TranscriptLineDto], description: 'Sent to the agent first, as one message', maxItems: MAX_TRANSCRIPT_LINES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TRANSCRIPT_LINES)
  @ValidateNested({ each: true })
  @Type(() => TranscriptLineDto)
  transcript?: TranscriptLineDto[];

  @ApiProperty({ type: FirstMessageDto, description: 'The message that opens the Genesys conversation; it carries the participant data' })
  @IsObject()
  @ValidateNested()
  @Type(() => FirstMessageDto)
  firstMessage!: FirstMessageDto;

  @ApiPropertyOptional({
    description: 'Where agent messages and the end of the handover are POSTed. https and a public address, unless the connection allows private callback URLs',
    maxLength: 2_000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  callbackUrl?: string;
}

export class AttachmentDto {
  @ApiProperty({ description: 'Genesys fetches the file from here (a pre-signed URL is fine)', maxLength: 2_000 })
  @IsString()
  @MaxLength(2_000)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES })
  @IsIn(ATTACHMENT_MEDIA_TYPES)
  mediaType!: (typeof ATTACHMENT_MEDIA_TYPES)[number];

  @ApiPropertyOptional({ example: 'image/jpeg', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'mime must be a media type such as image/jpeg' })
  mime?: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @OptionalText(255)
  filename?: string;
}

export class QuickReplyAnswerDto {
  @ApiProperty({ maxLength: 2_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000)
  text!: string;

  @ApiProperty({ maxLength: 2_000 })
  @IsString()
  @MaxLength(2_000)
  payload!: string;

  @ApiProperty({ description: 'The Genesys message id of the quick replies being answered', maxLength: 255 })
  @IsIdentifier(255)
  originatingMessageId!: string;
}

/** POST /handovers/{connectionId}/{handoverId}/messages. */
export class HandoverMessageDto {
  @ApiProperty({ description: "The bot platform's id of the message; a repeat is recognised and stored once", maxLength: MAX_MESSAGE_ID_LENGTH })
  @IsIdentifier(MAX_MESSAGE_ID_LENGTH)
  messageId!: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT_LENGTH, description: 'At least one of text, attachments or quickReply' })
  @ValidateIf((message: HandoverMessageDto) => message.text !== undefined || (message.attachments === undefined && message.quickReply === undefined))
  @IsString({ message: 'text must be a string (a message needs text, attachments or quickReply)' })
  @IsNotEmpty()
  @MaxLength(MAX_TEXT_LENGTH)
  text?: string;

  @ApiPropertyOptional({ type: [AttachmentDto], maxItems: MAX_ATTACHMENTS })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({ type: QuickReplyAnswerDto, description: 'The customer picked a quick reply; alone, without text or attachments' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuickReplyAnswerDto)
  @ValidateBy({
    name: 'quickReplyAlone',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => {
        const message = args?.object as HandoverMessageDto | undefined;
        return message?.text === undefined && message?.attachments === undefined;
      },
      defaultMessage: () => 'quickReply cannot be combined with text or attachments',
    },
  })
  quickReply?: QuickReplyAnswerDto;
}

/** POST /handovers/{connectionId}/{handoverId}/end (the body is optional). */
export class EndHandoverDto {
  @ApiPropertyOptional({ description: "Why the bot side ended the handover (default 'user-ended')", maxLength: 64 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(NO_CONTROL_CHARACTERS, { message: '$property must not contain control characters' })
  reason?: string;
}

// Answers (documentation only).

export class HandoverStartedDto {
  @ApiProperty({ format: 'uuid' })
  handoverId!: string;

  @ApiProperty({ enum: ['starting', 'active', 'ended'] })
  status!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The participant data sent with the first message' })
  attributes!: Record<string, string>;

  @ApiProperty({ type: [String], description: 'What the participant-data limits changed, and overridden values' })
  warnings!: string[];
}

export class HandoverMessageAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  handoverId!: string;

  @ApiProperty()
  messageId!: string;

  @ApiProperty({ description: "The message's place in the handover's outbox order" })
  sequence!: number;
}

export class HandoverEndedDto {
  @ApiProperty({ format: 'uuid' })
  handoverId!: string;

  @ApiProperty({ enum: ['ended'] })
  status!: string;
}

export class HandoverViewDto {
  @ApiProperty({ format: 'uuid' })
  handoverId!: string;

  @ApiProperty({ enum: ['starting', 'active', 'ended'], description: 'starting until the first message reached Genesys' })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  genesysConversationId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  endReason!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  attributes!: Record<string, string>;
}
