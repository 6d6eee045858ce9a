import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Genesys `botSessionId` ↔ the bot platform's session, kept until `botSessionTimeout` passes without a turn. */
@Entity({ name: 'bot_sessions' })
@Index('ix_bot_sessions_expires', ['expiresAt'])
export class BotSessionEntity {
  @PrimaryColumn({ name: 'connector_id', type: 'varchar', length: 36 })
  connectorId!: string;

  @PrimaryColumn({ name: 'bot_session_id', type: 'varchar', length: 255 })
  botSessionId!: string;

  @Column({ name: 'platform_session_id', type: 'varchar', length: 255 })
  platformSessionId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 255 })
  userId!: string;

  /** Loop guard state: the last intent name we returned and how many turns in a row it came back. */
  @Column({ name: 'last_intent', type: 'varchar', length: 100, nullable: true })
  lastIntent!: string | null;

  @Column({ name: 'intent_streak', type: 'integer', default: 0 })
  intentStreak!: number;

  @Column({ name: 'last_slots', type: 'text', nullable: true })
  lastSlots!: string | null;

  /** Numbered options shown in text-only mode, so a typed "2" maps back to the second choice. */
  @Column({ name: 'last_options', type: 'simple-json', nullable: true })
  lastOptions!: { number: number; title: string; payload: string }[] | null;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
