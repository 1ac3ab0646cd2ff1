import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EraseEngineerCommand, requireRole, type CommandOutcome } from '@skills-graph/contracts';
import { DomainError, engineerDecider, engineerStream, foldEvents, type EngineerEvent } from '@skills-graph/domain';
import { EVENT_STORE, PERSONAL_DATA_KEYS, executeOnStream, type EventStore, type PersonalDataKeys } from '@skills-graph/event-store';

/**
 * Erases an engineer's personal data by crypto-shredding: their key is deleted first (so the data is gone
 * even if recording the erasure fails; a retry records it), then EngineerErased goes on their stream for
 * the read models. Erasing again deletes nothing more and records nothing (changed: false).
 */
@CommandHandler(EraseEngineerCommand)
export class EraseEngineerHandler implements ICommandHandler<EraseEngineerCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
  ) {}

  async execute({ input, meta }: EraseEngineerCommand): Promise<CommandOutcome> {
    requireRole(meta.actor, ['hris', 'admin'], 'erase engineers');
    const stream = engineerStream(input.engineerId);
    const state = foldEvents(engineerDecider, (await this.store.readStream(stream)).map((e) => ({ type: e.type, data: e.data }) as EngineerEvent));
    if (state.status === 'unknown') throw new DomainError('NOT_FOUND', `Engineer ${input.engineerId} is unknown`, 'engineerId');
    await this.keys.erase(input.engineerId);
    const result = await executeOnStream(this.store, stream, engineerDecider, { type: 'EraseEngineer', data: { engineerId: input.engineerId, erasedAt: meta.issuedAt } }, {
      actor: meta.actor.id,
      correlationId: meta.correlationId,
      occurredAt: meta.issuedAt,
    });
    return { position: String(result.lastPosition), changed: result.appended };
  }
}
