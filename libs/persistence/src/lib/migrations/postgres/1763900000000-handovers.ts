import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Handovers1763900000000 implements MigrationInterface {
  name = 'Handovers1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "handovers" (
      "id" character varying(36) NOT NULL,
      "connection_id" character varying(36) NOT NULL,
      "platform" character varying(32) NOT NULL,
      "platform_conversation_id" character varying(255) NOT NULL,
      "platform_context" text NOT NULL,
      "customer" text NOT NULL,
      "genesys_conversation_id" character varying(64),
      "status" character varying(16) NOT NULL,
      "attributes" text NOT NULL,
      "ended_at" TIMESTAMP,
      "end_reason" character varying(64),
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP NOT NULL DEFAULT now(),
      CONSTRAINT "pk_handovers" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "uq_handovers_open_platform_conversation" ON "handovers" ("connection_id", "platform", "platform_conversation_id") WHERE "status" <> 'ended'`);
    await db.query(`CREATE INDEX "ix_handovers_genesys_conversation" ON "handovers" ("connection_id", "genesys_conversation_id")`);
    await db.query(`ALTER TABLE "handovers" ADD CONSTRAINT "fk_handovers_connection"
      FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "handovers"`);
  }
}
