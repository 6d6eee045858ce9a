import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { AuditController } from './audit.controller';

/** HTTP process: `GET /audit`, the registry's audit trail (entries are written by the repositories, in the change's transaction). */
@Module({ imports: [AuthModule], controllers: [AuditController] })
export class AuditModule {}
