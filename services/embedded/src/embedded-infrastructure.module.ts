import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CONFIG, deploymentNames, type SkillsGraphConfig } from '@skills-graph/config';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  EventLogAuditTrail,
  FOLLOWER_RUNTIME,
  OPENED_EVENT_STORE,
  PERSONAL_DATA_KEYS,
  openEventStore,
  type EventStore,
  type FollowerRuntime,
  type FollowerState,
  type OpenedEventStore,
} from '@skills-graph/event-store';
import { GraphProjector, ProjectorServiceModule } from '@skills-graph/projector';
import { InMemorySkillsGraph, Neo4jSkillsGraph, PROJECTION_PROGRESS, READ_MODEL } from '@skills-graph/read-model';
import { READINESS } from '@skills-graph/gateway';
import { InProcessMessageBus, KafkaMessageBus, MESSAGE_BUS } from '@skills-graph/messaging';
import { AUDIT_TRAIL, CLOCK, systemClock, type Clock } from '@skills-graph/contracts';
import { StartupReadiness } from './startup-readiness.js';

/** What a host or a test may set beside the configuration. */
export interface EmbeddedOptions {
  /** Where every service reads the time (default: the system clock); tests pass a ManualClock. */
  clock?: Clock;
  /** Told when a log follower (projector, assessment, relay) becomes active or waits for its lease. */
  onFollowerState?: (state: FollowerState, name: string) => void;
}

/**
 * The adapters behind the ports for one process: the event store EVENT_STORE names (PGlite under
 * DATA_DIR by default, PostgreSQL or EventStoreDB), consumer checkpoints, the graph READ_MODEL names
 * (in memory, rebuilt from the log at start; or Neo4j, which keeps its own checkpoint), the message bus
 * BUS names (in-process, or Kafka for HRIS), in-process readiness.
 */
@Global()
@Module({})
export class EmbeddedInfrastructureModule {
  static forRoot(config: SkillsGraphConfig, options: EmbeddedOptions = {}): DynamicModule {
    return {
      module: EmbeddedInfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: OPENED_EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: EVENT_STORE, useFactory: (opened: OpenedEventStore) => opened.store, inject: [OPENED_EVENT_STORE] },
        { provide: CHECKPOINT_STORE, useFactory: (opened: OpenedEventStore) => opened.checkpoints, inject: [OPENED_EVENT_STORE] },
        { provide: PERSONAL_DATA_KEYS, useFactory: (opened: OpenedEventStore) => opened.personalDataKeys, inject: [OPENED_EVENT_STORE] },
        {
          provide: FOLLOWER_RUNTIME,
          useFactory: (opened: OpenedEventStore): FollowerRuntime => ({
            leases: opened.leases,
            state: opened.followerState,
            name: deploymentNames(config).checkpoint,
            snapshotEvery: config.FOLLOWER_SNAPSHOT_EVERY,
            onStateChange: options.onFollowerState,
          }),
          inject: [OPENED_EVENT_STORE],
        },
        // The audit trail reads the log in this process, through the same store every service reads.
        { provide: AUDIT_TRAIL, useFactory: (opened: OpenedEventStore, store: EventStore) => new EventLogAuditTrail(store, opened.evidenceStreamsOf), inject: [OPENED_EVENT_STORE, EVENT_STORE] },
        {
          provide: READ_MODEL,
          useFactory: async (clock: Clock) => (config.READ_MODEL === 'neo4j' ? connectNeo4j(config, clock) : new InMemorySkillsGraph({ clock })),
          inject: [CLOCK],
        },
        { provide: MESSAGE_BUS, useFactory: () => (config.BUS === 'kafka' ? new KafkaMessageBus(config.KAFKA_BROKERS!, 'skills-graph', { timeoutMs: config.KAFKA_TIMEOUT_MS }) : new InProcessMessageBus()) },
        StartupReadiness,
        { provide: READINESS, useExisting: StartupReadiness },
      ],
      exports: [CONFIG, CLOCK, MESSAGE_BUS, OPENED_EVENT_STORE, EVENT_STORE, CHECKPOINT_STORE, PERSONAL_DATA_KEYS, FOLLOWER_RUNTIME, AUDIT_TRAIL, READ_MODEL, READINESS, StartupReadiness],
    };
  }
}

/**
 * Connects to Neo4j, retrying a few times: processes starting together (a gateway and two projector
 * replicas) create the same schema at once, and Neo4j may refuse one of them with a transient deadlock.
 */
async function connectNeo4j(config: SkillsGraphConfig, clock: Clock): Promise<Neo4jSkillsGraph> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await Neo4jSkillsGraph.connect({ uri: config.NEO4J_URI!, username: config.NEO4J_USERNAME, password: config.NEO4J_PASSWORD, timeoutMs: config.NEO4J_TIMEOUT_MS, clock });
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt + Math.floor(Math.random() * 500)));
    }
  }
}

/** Lets the gateway wait for the in-process projector (read-your-writes) without depending on it. */
@Global()
@Module({
  imports: [ProjectorServiceModule],
  providers: [{ provide: PROJECTION_PROGRESS, useExisting: GraphProjector }],
  exports: [PROJECTION_PROGRESS],
})
export class EmbeddedProjectionProgressModule {}
