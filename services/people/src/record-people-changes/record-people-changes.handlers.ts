import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecordJoinerCommand, RecordLeaverCommand, RecordMoverCommand, type CommandMeta, type CommandOutcome } from '@skills-graph/contracts';
import { decideEngineer, engineerStream, evolveEngineer, initialEngineerState, type EngineerCommand } from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';

const engineerDecider = { decide: decideEngineer, evolve: evolveEngineer, initialState: initialEngineerState };

async function recordOnEngineer(store: EventStore, engineerId: string, command: EngineerCommand, meta: CommandMeta): Promise<CommandOutcome> {
  const result = await executeOnStream(store, engineerStream(engineerId), engineerDecider, command, {
    actor: meta.actor.id,
    correlationId: meta.correlationId,
    occurredAt: meta.issuedAt,
  });
  return { position: String(result.lastPosition), changed: result.appended };
}

@CommandHandler(RecordJoinerCommand)
export class RecordJoinerHandler implements ICommandHandler<RecordJoinerCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute({ input, meta }: RecordJoinerCommand): Promise<CommandOutcome> {
    return recordOnEngineer(this.store, input.engineerId, { type: 'RecordJoiner', data: input }, meta);
  }
}

@CommandHandler(RecordMoverCommand)
export class RecordMoverHandler implements ICommandHandler<RecordMoverCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute({ input, meta }: RecordMoverCommand): Promise<CommandOutcome> {
    return recordOnEngineer(this.store, input.engineerId, { type: 'RecordMover', data: input }, meta);
  }
}

@CommandHandler(RecordLeaverCommand)
export class RecordLeaverHandler implements ICommandHandler<RecordLeaverCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute({ input, meta }: RecordLeaverCommand): Promise<CommandOutcome> {
    return recordOnEngineer(this.store, input.engineerId, { type: 'RecordLeaver', data: input }, meta);
  }
}
