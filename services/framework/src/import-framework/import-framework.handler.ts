import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ImportFrameworkCommand, requireRole, type FrameworkImportOutcome } from '@skills-graph/contracts';
import {
  frameworkContentHash,
  frameworkStream,
  type FrameworkCommand,
  frameworkDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';
import { parseFramework } from '@skills-graph/framework-import';


/**
 * Imports a framework file as a new version. The parser rejects a malformed file before anything is
 * stored; identical content (in any format) is recognised by its hash and stored once.
 */
@CommandHandler(ImportFrameworkCommand)
export class ImportFrameworkHandler implements ICommandHandler<ImportFrameworkCommand, FrameworkImportOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: ImportFrameworkCommand): Promise<FrameworkImportOutcome> {
    requireRole(meta.actor, ['framework-owner', 'admin'], 'import frameworks');
    const parsed = parseFramework(input.content, input.format);
    const contentHash = frameworkContentHash(parsed.draft);
    const stream = frameworkStream(input.frameworkId);
    const eventMeta = { actor: meta.actor.id, correlationId: meta.correlationId, occurredAt: meta.issuedAt };

    const imported = await executeOnStream(
      this.store,
      stream,
      frameworkDecider,
      {
        type: 'ImportFrameworkVersion',
        data: {
          frameworkId: input.frameworkId,
          draft: parsed.draft,
          contentHash,
          sourceFormat: parsed.format,
          warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`),
          importedAt: meta.issuedAt,
          importedBy: meta.actor.id,
        },
      } satisfies FrameworkCommand,
      eventMeta,
    );
    const version = imported.state.versions.find((v) => v.contentHash === contentHash)!;
    const importEvent = imported.events.find((e) => e.type === 'FrameworkVersionImported');
    const changes = importEvent?.type === 'FrameworkVersionImported' ? importEvent.data.changes : null;

    let position = imported.lastPosition;
    let changed = imported.appended;
    if (input.publish && !version.published) {
      const published = await executeOnStream(
        this.store,
        stream,
        frameworkDecider,
        { type: 'PublishFrameworkVersion', data: { frameworkId: input.frameworkId, version: version.version, publishedAt: meta.issuedAt, publishedBy: meta.actor.id } },
        eventMeta,
      );
      position = published.lastPosition;
      changed = changed || published.appended;
    }
    return {
      position: String(position),
      changed,
      frameworkId: input.frameworkId,
      version: version.version,
      behaviourCount: version.content.behaviours.length,
      added: changes?.added.length ?? 0,
      removed: changes?.removed.length ?? 0,
      reworded: changes?.reworded.length ?? 0,
      moved: changes?.moved.length ?? 0,
      warnings: parsed.warnings.map((w) => ({ line: w.line, message: w.message })),
    };
  }
}
