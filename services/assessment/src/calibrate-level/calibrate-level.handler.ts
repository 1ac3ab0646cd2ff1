import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CalibrateLevelCommand, requireRole, type CommandOutcome } from '@skills-graph/contracts';
import {
  DomainError,
  assessmentDecider,
  assessmentStream,
  currentPublishedVersion,
  engineerDecider,
  engineerStream,
  foldEvents,
  frameworkDecider,
  frameworkStream,
  type EngineerEvent,
  type FrameworkEvent,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';

/**
 * A promotion panel records a calibrated level for one competency of an engineer, beside the level the
 * evidence demonstrates. Panel role only; the engineer and every panel member must be known engineers, and
 * the level and competency must exist in the framework's published version. Who recorded it is the actor
 * in the event's metadata.
 */
@CommandHandler(CalibrateLevelCommand)
export class CalibrateLevelHandler implements ICommandHandler<CalibrateLevelCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: CalibrateLevelCommand): Promise<CommandOutcome> {
    requireRole(meta.actor, ['panel'], 'calibrate levels');
    if (!(await this.knownEngineer(input.engineerId))) throw new DomainError('NOT_FOUND', `Engineer '${input.engineerId}' is unknown`, 'engineerId');
    for (const [i, memberId] of input.panel.entries()) {
      if (!(await this.knownEngineer(memberId))) throw new DomainError('VALIDATION_FAILED', `Panel member '${memberId}' is not a known engineer`, `panel[${i}]`);
    }
    const framework = foldEvents(frameworkDecider, (await this.store.readStream(frameworkStream(input.frameworkId))) as unknown as FrameworkEvent[]);
    const published = currentPublishedVersion(framework);
    if (!published) throw new DomainError('NOT_FOUND', `Framework '${input.frameworkId}' has no published version`, 'frameworkId');
    if (!published.content.competencies.some((c) => c.id === input.competencyId)) {
      throw new DomainError('VALIDATION_FAILED', `Framework '${input.frameworkId}' has no competency '${input.competencyId}'`, 'competencyId');
    }
    const maxLevel = Math.max(0, ...published.content.levels.map((l) => l.level));
    const result = await executeOnStream(
      this.store,
      assessmentStream(input.engineerId),
      assessmentDecider,
      {
        type: 'CalibrateLevel',
        data: {
          engineerId: input.engineerId,
          competencyId: input.competencyId,
          level: input.level,
          rationale: input.rationale.trim(),
          panel: [...new Set(input.panel)],
          calibratedAt: meta.issuedAt,
          maxLevel,
        },
      },
      { actor: meta.actor.id, actorRoles: meta.actor.roles, correlationId: meta.correlationId, occurredAt: meta.issuedAt },
    );
    return { position: String(result.lastPosition), changed: result.appended };
  }

  private async knownEngineer(engineerId: string): Promise<boolean> {
    const events = await this.store.readStream(engineerStream(engineerId));
    return foldEvents(engineerDecider, events as unknown as EngineerEvent[]).status !== 'unknown';
  }
}
