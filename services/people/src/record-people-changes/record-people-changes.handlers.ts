import { Inject } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecordJoinerCommand, RecordLeaverCommand, RecordMoverCommand, peopleRecorderRoles, requireRole, type CommandMeta, type CommandOutcome } from '@skills-graph/contracts';
import {
  engineerStream,
  type EngineerCommand,
  engineerDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';


const idempotencyNamespace = '3b7c1e0a-8f4d-4c2b-9e61-5a0d2f7b9c13';

/**
 * Records a joiner, mover or leaver on the engineer's stream. The HRIS feed (Kafka), the recordJoiner /
 * recordMover / recordLeaver mutations and the people import all come here, with the same idempotency:
 * a key already applied to the stream (an HRIS messageId, a client's key) changes nothing.
 */
export async function recordOnEngineer(store: EventStore, engineerId: string, command: EngineerCommand, meta: CommandMeta): Promise<CommandOutcome> {
  requireRole(meta.actor, peopleRecorderRoles, 'record joiners, movers and leavers');
  const stream = engineerStream(engineerId);
  const key = meta.idempotencyKey;
  if (key) {
    // A message already applied (a redelivery, even after later changes) changes nothing.
    const applied = (await store.readStream(stream)).filter((e) => e.metadata.causationId === key);
    if (applied.length > 0) return { position: String(applied.at(-1)!.globalPosition), changed: false };
  }
  const result = await executeOnStream(store, stream, engineerDecider, command, {
    actor: meta.actor.id,
    actorRoles: meta.actor.roles,
    correlationId: meta.correlationId,
    causationId: key ?? null,
    occurredAt: meta.issuedAt,
    ...(key && { eventId: (i: number) => uuidv5(`${key}#${i}`, idempotencyNamespace) }),
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
