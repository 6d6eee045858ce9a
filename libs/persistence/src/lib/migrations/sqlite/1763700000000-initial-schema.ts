import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "connections" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "name" varchar(200) NOT NULL,
      "genesys_region" varchar(64) NOT NULL,
      "genesys_api_base_url" varchar(500),
      "genesys_login_base_url" varchar(500),
      "genesys_client_id" varchar(200) NOT NULL,
      "genesys_client_secret" text NOT NULL,
      "open_messaging_integration_id" varchar(64),
      "bot_connector_integration_id" varchar(64),
      "webhook_secret" text,
      "webhook_secret_previous" text,
      "bot_platform" varchar(32) NOT NULL,
      "bot_platform_settings" text NOT NULL,
      "bot_platform_secrets" text,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      "version" integer NOT NULL)`);
    await db.query(`CREATE UNIQUE INDEX "uq_connections_name" ON "connections" ("name")`);
    await db.query(`CREATE TABLE "conversation_sequences" (
      "connection_id" varchar(36) NOT NULL,
      "conversation_key" varchar(255) NOT NULL,
      "last_sequence" integer NOT NULL,
      PRIMARY KEY ("connection_id", "conversation_key"))`);
    await db.query(`CREATE TABLE "messages" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "connection_id" varchar(36) NOT NULL,
      "source" varchar(32) NOT NULL,
      "provider_message_id" varchar(255) NOT NULL,
      "direction" varchar(16) NOT NULL,
      "conversation_key" varchar(255) NOT NULL,
      "sequence" integer NOT NULL,
      "kind" varchar(32) NOT NULL,
      "payload" text NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT ('pending'),
      "attempts" integer NOT NULL DEFAULT (0),
      "last_error" text,
      "delivered_at" datetime,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      CONSTRAINT "uq_messages_conversation_sequence" UNIQUE ("connection_id", "conversation_key", "sequence"),
      CONSTRAINT "uq_messages_provider_message" UNIQUE ("connection_id", "source", "provider_message_id"),
      CONSTRAINT "fk_messages_connection" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_messages_status_created" ON "messages" ("status", "created_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "messages"`);
    await db.query(`DROP TABLE "conversation_sequences"`);
    await db.query(`DROP TABLE "connections"`);
  }
}
