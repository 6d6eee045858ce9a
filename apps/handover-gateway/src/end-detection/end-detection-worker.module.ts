import { Module } from '@nestjs/common';
import { GenesysClients } from '@genesys-bridge/genesys-connections';
import { RateBudgetModule } from '../delivery-to-genesys/rate-budget.module';
import { HandoverEndReports } from '../handovers/handover-end-reports';
import { EndBackstop } from './end-backstop.service';
import { EndDetectionMetrics } from './end-detection-metrics';
import { EndDetectionModule } from './end-detection.module';
import { EndDetectionProcessor } from './end-detection.processor';
import { EndEvaluation } from './end-evaluation.service';
import { GenesysConversationReader } from './genesys-conversation-reader';
import { NoAgentFallback } from './no-agent-fallback.service';

/** Worker: the `end-detection` queue (evaluations, the backstop, the no-agent fallback). */
@Module({
  imports: [EndDetectionModule, RateBudgetModule],
  providers: [GenesysClients, GenesysConversationReader, EndDetectionMetrics, HandoverEndReports, EndEvaluation, EndBackstop, NoAgentFallback, EndDetectionProcessor],
})
export class EndDetectionWorkerModule {}
