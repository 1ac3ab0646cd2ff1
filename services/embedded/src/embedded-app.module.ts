import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { SkillsGraphConfig } from '@skills-graph/config';
import { AssessmentServiceModule } from '@skills-graph/assessment';
import { EvidenceServiceModule } from '@skills-graph/evidence';
import { FrameworkServiceModule } from '@skills-graph/framework';
import { Logger } from '@nestjs/common';
import { DEPENDENCY_STATUS, GatewayModule, InProcessCommandSender } from '@skills-graph/gateway';
import { BackgroundKafkaCommandSender } from './background-kafka-command-sender.js';
import { SERVICE_NAME, ServiceHealth } from './service-mains/service-health.js';
import { COMMAND_SENDER } from '@skills-graph/contracts';
import { randomUUID } from 'node:crypto';
import { PeopleServiceModule } from '@skills-graph/people';
import { ProjectorServiceModule } from '@skills-graph/projector';
import { RelayServiceModule } from '@skills-graph/relay';
import { EmbeddedInfrastructureModule, EmbeddedProjectionProgressModule, type EmbeddedOptions } from './embedded-infrastructure.module.js';

const nestTransportLog = new Logger('CommandTransport');
const transportLog = { warn: (details: { err: unknown; attempt: number }, message: string) => nestTransportLog.warn(`${message} (attempt ${details.attempt}): ${details.err instanceof Error ? details.err.message : String(details.err)}`) };

/** Every service module in one process, on the embedded adapters and the in-process command bus. */
@Module({})
export class EmbeddedAppModule {
  static forRoot(config: SkillsGraphConfig, options: EmbeddedOptions = {}): DynamicModule {
    return {
      module: EmbeddedAppModule,
      providers: [
        InProcessCommandSender,
        // The dependencies' state from background probes (startEmbeddedSkillsGraph registers them): readiness and fast UNAVAILABLE.
        { provide: SERVICE_NAME, useValue: 'embedded' },
        ServiceHealth,
        { provide: DEPENDENCY_STATUS, useExisting: ServiceHealth },
        {
          provide: COMMAND_SENDER,
          useFactory: (inProcess: InProcessCommandSender) =>
            config.COMMAND_TRANSPORT === 'kafka' ? new BackgroundKafkaCommandSender(config, `skills-graph-gateway-${randomUUID()}`, transportLog) : inProcess,
          inject: [InProcessCommandSender],
        },
      ],
      exports: [COMMAND_SENDER, ServiceHealth, DEPENDENCY_STATUS],
      global: true,
      imports: [
        CqrsModule.forRoot(),
        EmbeddedInfrastructureModule.forRoot(config, options),
        FrameworkServiceModule,
        PeopleServiceModule,
        EvidenceServiceModule,
        AssessmentServiceModule,
        ProjectorServiceModule,
        EmbeddedProjectionProgressModule,
        RelayServiceModule,
        GatewayModule,
      ],
    };
  }
}
