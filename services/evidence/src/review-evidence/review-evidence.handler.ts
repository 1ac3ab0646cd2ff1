import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReviewEvidenceCommand, type EvidenceOutcome } from '@skills-graph/contracts';
import {
  DomainError,
  assertNever,
  evidenceStream,
  foldEvents,
  type EvidenceActor,
  type EvidenceCommand,
  type EvidenceEvent,
  evidenceDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';
import { EvidenceContextReader } from '../evidence-context.js';


/** Endorse, approve, reject or withdraw evidence; who may do which is the decider's rule. */
@CommandHandler(ReviewEvidenceCommand)
export class ReviewEvidenceHandler implements ICommandHandler<ReviewEvidenceCommand, EvidenceOutcome> {
  private readonly reader: EvidenceContextReader;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.reader = new EvidenceContextReader(store);
  }

  async execute({ input, meta }: ReviewEvidenceCommand): Promise<EvidenceOutcome> {
    const stream = evidenceStream(input.evidenceId);
    const current = foldEvents(evidenceDecider, (await this.store.readStream(stream)) as unknown as EvidenceEvent[]);
    if (current.status === 'unknown') throw new DomainError('NOT_FOUND', `Evidence '${input.evidenceId}' does not exist`, 'evidenceId');
    const actor = await this.reader.actorFor(meta.actor, current.engineerId, meta.issuedAt);
    const result = await executeOnStream(this.store, stream, evidenceDecider, toCommand(input.evidenceId, input.review, actor, meta.issuedAt), {
      actor: meta.actor.id,
      actorRoles: meta.actor.roles,
      correlationId: meta.correlationId,
      occurredAt: meta.issuedAt,
    });
    return { evidenceId: input.evidenceId, position: String(result.lastPosition), changed: result.appended };
  }
}

function toCommand(evidenceId: string, review: ReviewEvidenceCommand['input']['review'], actor: EvidenceActor, at: string): EvidenceCommand {
  switch (review.action) {
    case 'endorse':
      return { type: 'EndorseEvidence', data: { evidenceId, actor, comment: review.comment, endorsedAt: at } };
    case 'approve':
      return { type: 'ApproveEvidence', data: { evidenceId, actor, approvedAt: at } };
    case 'reject':
      return { type: 'RejectEvidence', data: { evidenceId, actor, reason: review.reason, rejectedAt: at } };
    case 'withdraw':
      return { type: 'WithdrawEvidence', data: { evidenceId, actor, withdrawnAt: at } };
    default:
      return assertNever(review);
  }
}
