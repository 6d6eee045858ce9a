import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { HandoverGatewayEnv } from '../config/handover-gateway.env';
import { GenesysRateBudget } from './genesys-rate-budget';

/**
 * The worker's one `GenesysRateBudget` (one Redis connection), shared by everything that calls Genesys for a
 * connection: user → agent delivery, receipts, and anything else that spends the OAuth client's minute.
 */
@Module({
  providers: [{ provide: GenesysRateBudget, inject: [HandoverGatewayEnv], useFactory: (env: HandoverGatewayEnv) => GenesysRateBudget.connect(env) }],
  exports: [GenesysRateBudget],
})
export class RateBudgetModule implements OnApplicationShutdown {
  constructor(@Inject(GenesysRateBudget) private readonly budget: GenesysRateBudget) {}

  async onApplicationShutdown(): Promise<void> {
    await this.budget.close();
  }
}
