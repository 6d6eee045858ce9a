import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MESSAGE_DIRECTIONS, type MessageDirection } from '@genesys-bridge/persistence';

// The dead-letter view and replay of the handover gateway (issue #4: "permanent failures marked and reported … a
// dead-letter view and a replay endpoint"). Strict like the handover API: unknown query fields and body fields are 400s.

export const DEFAULT_DEAD_LETTER_PAGE_SIZE = 50;
export const MAX_DEAD_LETTER_PAGE_SIZE = 100;
export const MAX_REPLAY_IDS = 100;
/** The conversation key column holds 255 characters. */
const MAX_CONVERSATION_KEY_LENGTH = 255;

export const REPLAY_SKIP_REASONS = ['not-found', 'not-failed', 'handover-ended'] as const;
export type ReplaySkipReasonDto = (typeof REPLAY_SKIP_REASONS)[number];

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_DIRECTIONS, description: 'to-genesys: user → agent messages (outbox); to-bot: agent → bot messages (inbox)' })
  @IsOptional()
  @IsIn(MESSAGE_DIRECTIONS)
  direction?: MessageDirection;

  @ApiPropertyOptional({ maxLength: MAX_CONVERSATION_KEY_LENGTH, description: 'Only this conversation: the handover id (to-genesys) or the Genesys conversation id (to-bot)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CONVERSATION_KEY_LENGTH)
  conversationKey?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_DEAD_LETTER_PAGE_SIZE, default: DEFAULT_DEAD_LETTER_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DEAD_LETTER_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '`nextBefore` of the previous page: the page after it (older messages)' })
  @IsOptional()
  @IsUUID('all')
  before?: string;
}

export class ReplayDeadLettersDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_REPLAY_IDS, uniqueItems: true, description: 'Ids of failed messages (`id` in the dead-letter view)', example: ['3f0c1d9e-5a7b-4c2d-9e8f-1a2b3c4d5e6f'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLAY_IDS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  messageIds!: string[];
}

/** A failed message as the view shows it: where it belongs and why it failed, never its payload beyond a short text preview. */
export class DeadLetterDto {
  @ApiProperty({ format: 'uuid', description: 'Our id of the message (the `channel.messageId` Genesys saw for to-genesys messages)' })
  id!: string;

  @ApiProperty({ enum: MESSAGE_DIRECTIONS })
  direction!: MessageDirection;

  @ApiProperty({ description: 'The handover id (to-genesys) or the Genesys conversation id (to-bot)' })
  conversationKey!: string;

  @ApiProperty({ type: 'integer', description: "The message's place in its conversation" })
  sequence!: number;

  @ApiProperty({ example: 'text', description: 'text, transcript, attachment, quick-reply-answer, typing, disconnect (to-genesys); text, structured, typing, … (to-bot)' })
  kind!: string;

  @ApiProperty({ type: 'integer', description: 'Delivery attempts that failed transiently before the permanent failure' })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed (the last error)' })
  failure!: string | null;

  @ApiProperty({ description: "The sender's id of the message: the bot platform's messageId (to-genesys) or the Genesys message id (to-bot)" })
  providerMessageId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The start of the message text, to recognise it; null when it has no text' })
  preview!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the message was stored' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time', description: 'Last change: normally when it failed' })
  updatedAt!: Date;
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto], description: 'Newest first' })
  deadLetters!: DeadLetterDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Pass as `before` for the next page; null on the last page' })
  nextBefore!: string | null;
}

export class ReplayedDeadLetterDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MESSAGE_DIRECTIONS })
  direction!: MessageDirection;

  @ApiProperty()
  conversationKey!: string;

  @ApiProperty({ type: 'integer' })
  sequence!: number;

  @ApiProperty()
  kind!: string;
}

export class SkippedDeadLetterDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    enum: REPLAY_SKIP_REASONS,
    description:
      'not-found: no such message on this connection; not-failed: it is pending or delivered (e.g. replayed already); ' +
      'handover-ended: a user → agent message of an ended handover (sending it would open a new Genesys conversation)',
  })
  reason!: ReplaySkipReasonDto;
}

export class ReplayResultDto {
  @ApiProperty({ type: [ReplayedDeadLetterDto], description: 'Set back to pending, attempts reset; their conversations are woken' })
  replayed!: ReplayedDeadLetterDto[];

  @ApiProperty({ type: [SkippedDeadLetterDto], description: 'Left as they were' })
  skipped!: SkippedDeadLetterDto[];
}
