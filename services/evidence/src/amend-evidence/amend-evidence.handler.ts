import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AmendEvidenceCommand, type EvidenceOutcome } from '@skills-graph/contracts';
import { DomainError, evidenceDecider, evidenceStream, foldEvents, type EvidenceEvent } from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';
import { EvidenceContextReader } from '../evidence-context.js';

/**
 * The engineer (or an admin) corrects their evidence; who may, and that an approved item goes back to
 * review, are the decider's rules. The details after the change are checked against the framework the
 * evidence was submitted against (its published version) and the skill catalogue.
 */
@CommandHandler(AmendEvidenceCommand)
export class AmendEvidenceHandler implements ICommandHandler<AmendEvidenceCommand, EvidenceOutcome> {
  private readonly reader: EvidenceContextReader;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.reader = new EvidenceContextReader(store);
  }

  async execute({ input, meta }: AmendEvidenceCommand): Promise<EvidenceOutcome> {
    const stream = evidenceStream(input.evidenceId);
    const events = (await this.store.readStream(stream)).map((r) => ({ type: r.type, data: r.data }) as EvidenceEvent);
    const submission = events.find((e) => e.type === 'EvidenceSubmitted');
    const current = foldEvents(evidenceDecider, events);
    if (!submission || current.status === 'unknown') throw new DomainError('NOT_FOUND', `Evidence '${input.evidenceId}' does not exist`, 'evidenceId');
    const actor = await this.reader.actorFor(meta.actor, current.engineerId, meta.issuedAt);
    const context = await this.reader.context(submission.data.frameworkId, input.changes.skillIds ?? current.skillIds, current.engineerId);
    const result = await executeOnStream(
      this.store,
      stream,
      evidenceDecider,
      { type: 'AmendEvidence', data: { evidenceId: input.evidenceId, actor, changes: input.changes, context, amendedAt: meta.issuedAt } },
      { actor: meta.actor.id, actorRoles: meta.actor.roles, correlationId: meta.correlationId, occurredAt: meta.issuedAt },
    );
    return { evidenceId: input.evidenceId, position: String(result.lastPosition), changed: result.appended };
  }
}
