import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { ServiceEnv } from '@genesys-bridge/config';
import { pendingMigrations } from '@genesys-bridge/persistence';
import { RedisHealthIndicator } from '@genesys-bridge/queue-runtime';

/** Ready only when every migration is applied: processes never run them, `migrate` does. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.health.check(key);
    try {
      const pending = await pendingMigrations(this.dataSource);
      return pending.length === 0 ? indicator.up() : indicator.down({ message: `pending migrations: ${pending.join(', ')} (run npm run migrate)` });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @Inject(ServiceEnv) private readonly env: ServiceEnv,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency checks)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Database reachable and migrated, Redis reachable; 503 otherwise' })
  ready() {
    const timeout = this.env.READINESS_TIMEOUT_MS;
    return this.health.check([
      () => this.database.pingCheck('database', { timeout }),
      () => this.migrations.isHealthy('migrations'),
      () => this.redis.isHealthy('redis', timeout),
    ]);
  }
}
