import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { READ_MODEL, type SkillsGraphReadModel } from '@skills-graph/read-model';

export const READINESS = Symbol('Readiness');

/** Tells whether the process can serve: the host sets it once start-up (and the first catch-up) is done. */
export interface Readiness {
  ready(): boolean;
}

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS) private readonly readiness: Readiness,
    @Inject(READ_MODEL) private readonly readModel: SkillsGraphReadModel,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the read model has caught up once and queries will see the data. */
  @Get('ready')
  async ready() {
    if (!this.readiness.ready()) throw new HttpException({ status: 'starting' }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ready', readModelPosition: String(await this.readModel.checkpoint()) };
  }
}

