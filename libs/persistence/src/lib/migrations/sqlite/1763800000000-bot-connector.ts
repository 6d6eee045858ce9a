import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BotConnector1763800000000 implements MigrationInterface {
  name = 'BotConnector1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "bot_connectors" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "connection_id" varchar(36) NOT NULL,
      "name" varchar(200) NOT NULL,
      "settings" text NOT NULL,
      "secrets" text NOT NULL,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      "version" integer NOT NULL,
      CONSTRAINT "fk_bot_connectors_connection" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE UNIQUE INDEX "uq_bot_connectors_name" ON "bot_connectors" ("name")`);
    await db.query(`CREATE TABLE "bot_sessions" (
      "connector_id" varchar(36) NOT NULL,
      "bot_session_id" varchar(255) NOT NULL,
      "platform_session_id" varchar(255) NOT NULL,
      "user_id" varchar(255) NOT NULL,
      "last_intent" varchar(100),
      "intent_streak" integer NOT NULL DEFAULT (0),
      "last_slots" text,
      "last_options" text,
      "expires_at" datetime NOT NULL,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      PRIMARY KEY ("connector_id", "bot_session_id"))`);
    await db.query(`CREATE INDEX "ix_bot_sessions_expires" ON "bot_sessions" ("expires_at")`);
    await db.query(`CREATE TABLE "bot_turns" (
      "connector_id" varchar(36) NOT NULL,
      "message_id" varchar(255) NOT NULL,
      "bot_session_id" varchar(255) NOT NULL,
      "api_version" varchar(4) NOT NULL,
      "request" text NOT NULL,
      "response" text,
      "status" varchar(16) NOT NULL,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      PRIMARY KEY ("connector_id", "message_id"))`);
    await db.query(`CREATE INDEX "ix_bot_turns_created" ON "bot_turns" ("created_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "bot_turns"`);
    await db.query(`DROP TABLE "bot_sessions"`);
    await db.query(`DROP TABLE "bot_connectors"`);
  }
}
