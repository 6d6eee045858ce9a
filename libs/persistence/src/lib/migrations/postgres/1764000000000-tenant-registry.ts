import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantRegistry1764000000000 implements MigrationInterface {
  name = 'TenantRegistry1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "connections" ADD "webhook_secret_previous_valid_until" TIMESTAMP`);
    await db.query(`ALTER TABLE "connections" ADD "secrets_meta" text`);
    await db.query(`ALTER TABLE "connections" ADD "disabled_at" TIMESTAMP`);
    await db.query(`ALTER TABLE "bot_connectors" ADD "secrets_previous_valid_until" TIMESTAMP`);
    await db.query(`CREATE TABLE "api_keys" (
      "id" character varying(36) NOT NULL,
      "name" character varying(200) NOT NULL,
      "key_hash" character varying(64) NOT NULL,
      "scope" character varying(16) NOT NULL,
      "connection_id" character varying(36),
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "revoked_at" TIMESTAMP,
      "last_used_at" TIMESTAMP,
      CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "api_keys" ("key_hash")`);
    await db.query(`CREATE INDEX "ix_api_keys_connection" ON "api_keys" ("connection_id")`);
    await db.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_connection"
      FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`CREATE TABLE "audit_log" (
      "id" character varying(36) NOT NULL,
      "at" TIMESTAMP NOT NULL,
      "api_key_id" character varying(36),
      "api_key_name" character varying(200) NOT NULL,
      "action" character varying(64) NOT NULL,
      "connection_id" character varying(36),
      "changes" text,
      CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "ix_audit_log_connection_at" ON "audit_log" ("connection_id", "at")`);
    await db.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "audit_log"`);
    await db.query(`DROP TABLE "api_keys"`);
    await db.query(`ALTER TABLE "bot_connectors" DROP COLUMN "secrets_previous_valid_until"`);
    await db.query(`ALTER TABLE "connections" DROP COLUMN "disabled_at"`);
    await db.query(`ALTER TABLE "connections" DROP COLUMN "secrets_meta"`);
    await db.query(`ALTER TABLE "connections" DROP COLUMN "webhook_secret_previous_valid_until"`);
  }
}
