import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantRegistry1764000000000 implements MigrationInterface {
  name = 'TenantRegistry1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "connections" ADD COLUMN "webhook_secret_previous_valid_until" datetime`);
    await db.query(`ALTER TABLE "connections" ADD COLUMN "secrets_meta" text`);
    await db.query(`ALTER TABLE "connections" ADD COLUMN "disabled_at" datetime`);
    await db.query(`ALTER TABLE "bot_connectors" ADD COLUMN "secrets_previous_valid_until" datetime`);
    await db.query(`CREATE TABLE "api_keys" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "name" varchar(200) NOT NULL,
      "key_hash" varchar(64) NOT NULL,
      "scope" varchar(16) NOT NULL,
      "connection_id" varchar(36),
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "revoked_at" datetime,
      "last_used_at" datetime,
      CONSTRAINT "fk_api_keys_connection" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "api_keys" ("key_hash")`);
    await db.query(`CREATE INDEX "ix_api_keys_connection" ON "api_keys" ("connection_id")`);
    await db.query(`CREATE TABLE "audit_log" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "at" datetime NOT NULL,
      "api_key_id" varchar(36),
      "api_key_name" varchar(200) NOT NULL,
      "action" varchar(64) NOT NULL,
      "connection_id" varchar(36),
      "changes" text)`);
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
