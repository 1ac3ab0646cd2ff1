import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubmitEvidenceCommand, type EvidenceOutcome } from '@skills-graph/contracts';
import {
  evidenceStream,
  evidenceDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';
import { EvidenceContextReader } from '../evidence-context.js';

@CommandHandler(SubmitEvidenceCommand)
export class SubmitEvidenceHandler implements ICommandHandler<SubmitEvidenceCommand, EvidenceOutcome> {
  private readonly reader: EvidenceContextReader;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.reader = new EvidenceContextReader(store);
  }

  async execute({ input, meta }: SubmitEvidenceCommand): Promise<EvidenceOutcome> {
    const context = await this.reader.context(input.frameworkId, input.skillIds, input.engineerId);
    const actor = await this.reader.actorFor(meta.actor, input.engineerId, meta.issuedAt);
    const { frameworkId: _frameworkId, ...details } = input;
    const result = await executeOnStream(
      this.store,
      evidenceStream(input.evidenceId),
      evidenceDecider,
      { type: 'SubmitEvidence', data: { ...details, actor, context, submittedAt: meta.issuedAt } },
      { actor: meta.actor.id, actorRoles: meta.actor.roles, correlationId: meta.correlationId, occurredAt: meta.issuedAt },
    );
    return { evidenceId: input.evidenceId, position: String(result.lastPosition), changed: result.appended };
  }
}
