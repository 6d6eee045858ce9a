import { Controller, type DynamicModule, Get, Header, Inject, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRICS_PREFIX = 'genesys_bridge_';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(Registry) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A Prometheus registry per process (default Node metrics, `service` and `role` labels) served at /metrics. */
@Module({})
export class MetricsModule {
  static forRoot(service: string, role: string): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service, role });
    collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: Registry, useValue: registry }],
      exports: [Registry],
    };
  }
}
