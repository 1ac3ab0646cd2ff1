import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PublishFrameworkCommand, requireRole, type CommandOutcome } from '@skills-graph/contracts';
import {
  frameworkStream,
  frameworkDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';

@CommandHandler(PublishFrameworkCommand)
export class PublishFrameworkHandler implements ICommandHandler<PublishFrameworkCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: PublishFrameworkCommand): Promise<CommandOutcome> {
    requireRole(meta.actor, ['framework-owner', 'admin'], 'publish frameworks');
    const result = await executeOnStream(
      this.store,
      frameworkStream(input.frameworkId),
      frameworkDecider,
      { type: 'PublishFrameworkVersion', data: { frameworkId: input.frameworkId, version: input.version, publishedAt: meta.issuedAt, publishedBy: meta.actor.id } },
      { actor: meta.actor.id, correlationId: meta.correlationId, occurredAt: meta.issuedAt },
    );
    return { position: String(result.lastPosition), changed: result.appended };
  }
}
