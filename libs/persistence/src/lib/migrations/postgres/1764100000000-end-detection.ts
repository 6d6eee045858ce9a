import type { MigrationInterface, QueryRunner } from 'typeorm';

/** End detection (issue #6): when a handover's conversation was last heard of, for the backstop check. */
export class EndDetection1764100000000 implements MigrationInterface {
  name = 'EndDetection1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "handovers" ADD "last_signal_at" TIMESTAMP`);
    // Handovers already active start their quiet period now, not at an unknown time in the past.
    await db.query(`UPDATE "handovers" SET "last_signal_at" = now() WHERE "status" = 'active'`);
    await db.query(`CREATE INDEX "ix_handovers_end_backstop" ON "handovers" ("status", "last_signal_at")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "ix_handovers_end_backstop"`);
    await db.query(`ALTER TABLE "handovers" DROP COLUMN "last_signal_at"`);
  }
}
