import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DelegateApprovalsCommand, RevokeDelegationCommand, type CommandMeta, type CommandOutcome } from '@skills-graph/contracts';
import { DomainError, engineerDecider, engineerStream, foldEvents, isCurrentAt, type EngineerCommand, type EngineerEvent } from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';

/**
 * Approval delegation, recorded on the manager's own engineer stream (the caller is the manager): the
 * evidence review rule honours it until it expires or is revoked (libs/domain access/evidence-relation.ts).
 */
async function onOwnStream(store: EventStore, meta: CommandMeta, command: EngineerCommand): Promise<CommandOutcome> {
  const result = await executeOnStream(store, engineerStream(meta.actor.id), engineerDecider, command, {
    actor: meta.actor.id,
    correlationId: meta.correlationId,
    occurredAt: meta.issuedAt,
  });
  return { position: String(result.lastPosition), changed: result.appended };
}

const stateOf = async (store: EventStore, engineerId: string) => foldEvents(engineerDecider, (await store.readStream(engineerStream(engineerId))) as unknown as EngineerEvent[]);

@CommandHandler(DelegateApprovalsCommand)
export class DelegateApprovalsHandler implements ICommandHandler<DelegateApprovalsCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: DelegateApprovalsCommand): Promise<CommandOutcome> {
    const delegate = await stateOf(this.store, input.delegateId);
    if (!isCurrentAt(delegate.status === 'unknown' ? null : delegate, meta.issuedAt)) {
      throw new DomainError('VALIDATION_FAILED', `'${input.delegateId}' is not a current engineer`, 'delegateId');
    }
    for (const [i, reportId] of (input.reportIds ?? []).entries()) {
      const report = await stateOf(this.store, reportId);
      if (report.status === 'unknown' || report.managerId !== meta.actor.id) {
        throw new DomainError('VALIDATION_FAILED', `'${reportId}' does not report to you`, `reportIds[${i}]`);
      }
    }
    return onOwnStream(this.store, meta, {
      type: 'DelegateApprovals',
      data: { engineerId: meta.actor.id, delegateId: input.delegateId, until: input.until, reportIds: input.reportIds, delegatedAt: meta.issuedAt },
    });
  }
}

@CommandHandler(RevokeDelegationCommand)
export class RevokeDelegationHandler implements ICommandHandler<RevokeDelegationCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ input, meta }: RevokeDelegationCommand): Promise<CommandOutcome> {
    return onOwnStream(this.store, meta, { type: 'RevokeDelegation', data: { engineerId: meta.actor.id, delegateId: input.delegateId, revokedAt: meta.issuedAt } });
  }
}
