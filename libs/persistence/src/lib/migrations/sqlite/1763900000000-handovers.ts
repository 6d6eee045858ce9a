import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Handovers1763900000000 implements MigrationInterface {
  name = 'Handovers1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "handovers" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "connection_id" varchar(36) NOT NULL,
      "platform" varchar(32) NOT NULL,
      "platform_conversation_id" varchar(255) NOT NULL,
      "platform_context" text NOT NULL,
      "customer" text NOT NULL,
      "genesys_conversation_id" varchar(64),
      "status" varchar(16) NOT NULL,
      "attributes" text NOT NULL,
      "ended_at" datetime,
      "end_reason" varchar(64),
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      CONSTRAINT "fk_handovers_connection" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE UNIQUE INDEX "uq_handovers_open_platform_conversation" ON "handovers" ("connection_id", "platform", "platform_conversation_id") WHERE "status" <> 'ended'`);
    await db.query(`CREATE INDEX "ix_handovers_genesys_conversation" ON "handovers" ("connection_id", "genesys_conversation_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "handovers"`);
  }
}
