import { join, resolve } from 'node:path';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CONFIG, type SkillsGraphConfig } from '@skills-graph/config';
import { CHECKPOINT_STORE, EVENT_STORE, SqlCheckpointStore, SqlEventStore, openPgliteClient } from '@skills-graph/event-store';
import { GraphProjector, ProjectorServiceModule } from '@skills-graph/projector';
import { InMemorySkillsGraph, PROJECTION_PROGRESS, READ_MODEL } from '@skills-graph/read-model';
import { READINESS } from '@skills-graph/gateway';
import { StartupReadiness } from './startup-readiness.js';

/**
 * The embedded adapters behind the ports: PGlite event store persisted under DATA_DIR, checkpoints in
 * the same database, the in-memory graph (rebuilt from the log at start), in-process readiness.
 */
@Global()
@Module({})
export class EmbeddedInfrastructureModule {
  static forRoot(config: SkillsGraphConfig): DynamicModule {
    return {
      module: EmbeddedInfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: EVENT_STORE,
          useFactory: async () => SqlEventStore.open(await openPgliteClient(join(resolve(config.DATA_DIR), 'events'))),
        },
        { provide: CHECKPOINT_STORE, useFactory: (store: SqlEventStore) => new SqlCheckpointStore(store.sqlClient), inject: [EVENT_STORE] },
        { provide: READ_MODEL, useValue: new InMemorySkillsGraph() },
        StartupReadiness,
        { provide: READINESS, useExisting: StartupReadiness },
      ],
      exports: [CONFIG, EVENT_STORE, CHECKPOINT_STORE, READ_MODEL, READINESS, StartupReadiness],
    };
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
