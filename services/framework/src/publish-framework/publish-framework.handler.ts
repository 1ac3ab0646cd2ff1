import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PublishFrameworkCommand, requireRole, type FrameworkPublishOutcome } from '@skills-graph/contracts';
import {
  PublicationNeedsConfirmation,
  frameworkStream,
  frameworkDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';

@CommandHandler(PublishFrameworkCommand)
/**
 * Makes a version the framework's current one (an older version too: it becomes current again). Publishing
 * that would retire a whole competency or more than 20% of the current behaviours needs confirmRetirements;
 * without it nothing is recorded and the outcome says why.
 */
export class PublishFrameworkHandler implements ICommandHandler<PublishFrameworkCommand, FrameworkPublishOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: PublishFrameworkCommand): Promise<FrameworkPublishOutcome> {
    requireRole(meta.actor, ['framework-owner', 'admin'], 'publish frameworks');
    try {
      const result = await executeOnStream(
        this.store,
        frameworkStream(input.frameworkId),
        frameworkDecider,
        {
          type: 'PublishFrameworkVersion',
          data: { frameworkId: input.frameworkId, version: input.version, publishedAt: meta.issuedAt, publishedBy: meta.actor.id, confirmRetirements: input.confirmRetirements ?? false },
        },
        { actor: meta.actor.id, actorRoles: meta.actor.roles, correlationId: meta.correlationId, occurredAt: meta.issuedAt },
      );
      return { position: String(result.lastPosition), changed: result.appended, published: true, notPublishedReason: null };
    } catch (error) {
      if (!(error instanceof PublicationNeedsConfirmation)) throw error;
      return { position: '0', changed: false, published: false, notPublishedReason: error.reason };
    }
  }
}
