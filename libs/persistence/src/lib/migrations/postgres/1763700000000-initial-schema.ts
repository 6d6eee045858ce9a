import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "connections" (
      "id" character varying(36) NOT NULL,
      "name" character varying(200) NOT NULL,
      "genesys_region" character varying(64) NOT NULL,
      "genesys_api_base_url" character varying(500),
      "genesys_login_base_url" character varying(500),
      "genesys_client_id" character varying(200) NOT NULL,
      "genesys_client_secret" text NOT NULL,
      "open_messaging_integration_id" character varying(64),
      "bot_connector_integration_id" character varying(64),
      "webhook_secret" text,
      "webhook_secret_previous" text,
      "bot_platform" character varying(32) NOT NULL,
      "bot_platform_settings" text NOT NULL,
      "bot_platform_secrets" text,
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP NOT NULL DEFAULT now(),
      "version" integer NOT NULL,
      CONSTRAINT "pk_connections" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "uq_connections_name" ON "connections" ("name")`);
    await db.query(`CREATE TABLE "conversation_sequences" (
      "connection_id" character varying(36) NOT NULL,
      "conversation_key" character varying(255) NOT NULL,
      "last_sequence" integer NOT NULL,
      CONSTRAINT "pk_conversation_sequences" PRIMARY KEY ("connection_id", "conversation_key"))`);
    await db.query(`CREATE TABLE "messages" (
      "id" character varying(36) NOT NULL,
      "connection_id" character varying(36) NOT NULL,
      "source" character varying(32) NOT NULL,
      "provider_message_id" character varying(255) NOT NULL,
      "direction" character varying(16) NOT NULL,
      "conversation_key" character varying(255) NOT NULL,
      "sequence" integer NOT NULL,
      "kind" character varying(32) NOT NULL,
      "payload" text NOT NULL,
      "status" character varying(16) NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT '0',
      "last_error" text,
      "delivered_at" TIMESTAMP,
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP NOT NULL DEFAULT now(),
      CONSTRAINT "uq_messages_conversation_sequence" UNIQUE ("connection_id", "conversation_key", "sequence"),
      CONSTRAINT "uq_messages_provider_message" UNIQUE ("connection_id", "source", "provider_message_id"),
      CONSTRAINT "pk_messages" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "ix_messages_status_created" ON "messages" ("status", "created_at")`);
    await db.query(`ALTER TABLE "messages" ADD CONSTRAINT "fk_messages_connection"
      FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "messages"`);
    await db.query(`DROP TABLE "conversation_sequences"`);
    await db.query(`DROP TABLE "connections"`);
  }
}
