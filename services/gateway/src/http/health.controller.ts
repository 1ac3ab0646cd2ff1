import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { CONFIG, withDeadline, type SkillsGraphConfig } from '@skills-graph/config';
import { READ_MODEL, type SkillsGraphReadModel } from '@skills-graph/read-model';

export const READINESS = Symbol('Readiness');

/**
 * Tells whether the process can serve: not before start-up (and the first catch-up) is done, and not
 * while a dependency it needs (Kafka, Neo4j, the event store) is down or a consumer has stopped.
 */
export interface Readiness {
  ready(): boolean;
  /** Why it is not ready (starting, or the dependency that is down), when it is not. */
  reason?(): string | undefined;
}

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS) private readonly readiness: Readiness,
    @Inject(READ_MODEL) private readonly readModel: SkillsGraphReadModel,
    @Inject(CONFIG) private readonly config: SkillsGraphConfig,
  ) {}

  /** Liveness: the process answers. A dependency down never fails it (restarting would not bring it back). */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: started, dependencies up, and the read model answering within DEPENDENCY_CHECK_TIMEOUT_MS. */
  @Get('ready')
  async ready() {
    if (!this.readiness.ready()) {
      const reason = this.readiness.reason?.() ?? 'starting';
      throw new HttpException({ status: reason === 'starting' ? 'starting' : 'unavailable', reason }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    try {
      const position = await withDeadline(this.readModel.checkpoint(), this.config.DEPENDENCY_CHECK_TIMEOUT_MS, 'read-model', 'its checkpoint');
      return { status: 'ready', readModelPosition: String(position) };
    } catch (error) {
      throw new HttpException({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
