import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ImportFrameworkCommand, requireRole, type FrameworkImportOutcome } from '@skills-graph/contracts';
import {
  PublicationNeedsConfirmation,
  frameworkContentHash,
  frameworkStream,
  type FrameworkCommand,
  type FrameworkState,
  frameworkDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, InvalidAppendError, type EventStore } from '@skills-graph/event-store';
import { FrameworkImportError, parseFramework, type FrameworkImportResult } from '@skills-graph/framework-import';


/**
 * Imports a framework file as a new version. The parser rejects a malformed file (or one beyond the limits)
 * before anything is stored; identical content (in any format) is recognised by its hash and stored once.
 * With `publish`, the version becomes the current one, unless publishing would retire a whole competency or
 * more than 20% of the current behaviours: then it stays a draft until `confirmRetirements` is given, and the
 * outcome says why.
 */
@CommandHandler(ImportFrameworkCommand)
export class ImportFrameworkHandler implements ICommandHandler<ImportFrameworkCommand, FrameworkImportOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: ImportFrameworkCommand): Promise<FrameworkImportOutcome> {
    requireRole(meta.actor, ['framework-owner', 'admin'], 'import frameworks');
    const stream = frameworkStream(input.frameworkId);
    const eventMeta = { actor: meta.actor.id, actorRoles: meta.actor.roles, correlationId: meta.correlationId, occurredAt: meta.issuedAt };

    // The file is read against the stream's state, from the same read the append is decided on: the
    // competencies of the framework's newest version count as declared (only new, unknown ones get a warning).
    let parsed: FrameworkImportResult | undefined;
    let contentHash = '';
    const importVersion = (state: FrameworkState): FrameworkCommand => {
      parsed = parseFramework(input.content, input.format, { knownCompetencies: state.versions.at(-1)?.content.competencies ?? [] });
      contentHash = frameworkContentHash(parsed.draft);
      return {
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
      };
    };

    // An edition's content and changes travel in one event; one too large for the store is refused as the file's fault.
    const imported = await (async () => {
      try {
        return await executeOnStream(this.store, stream, frameworkDecider, importVersion, eventMeta);
      } catch (error) {
        if (!(error instanceof InvalidAppendError)) throw error;
        throw new FrameworkImportError({
          format: parsed!.format,
          line: null,
          expected: 'an edition whose behaviours and changes fit in one recorded event (import it in smaller steps)',
          found: error.message,
        });
      }
    })();
    const { warnings } = parsed!;
    const version = imported.state.versions.find((v) => v.contentHash === contentHash)!;
    const importEvent = imported.events.find((e) => e.type === 'FrameworkVersionImported');
    const changes = importEvent?.type === 'FrameworkVersionImported' ? importEvent.data.changes : null;

    let position = imported.lastPosition;
    let changed = imported.appended;
    let current = imported.state.current;
    let notPublishedReason: string | null = null;
    if (input.publish && current !== version.version) {
      try {
        const published = await executeOnStream(
          this.store,
          stream,
          frameworkDecider,
          {
            type: 'PublishFrameworkVersion',
            data: { frameworkId: input.frameworkId, version: version.version, publishedAt: meta.issuedAt, publishedBy: meta.actor.id, confirmRetirements: input.confirmRetirements ?? false },
          },
          eventMeta,
        );
        position = published.lastPosition;
        changed = changed || published.appended;
        current = published.state.current;
      } catch (error) {
        if (!(error instanceof PublicationNeedsConfirmation)) throw error;
        notPublishedReason = error.reason;
      }
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
      warnings: [
        ...warnings.map((w) => ({ line: w.line, message: w.message })),
        ...(notPublishedReason ? [{ line: 1, message: notPublishedReason }] : []),
      ],
      published: current === version.version,
      notPublishedReason,
    };
  }
}
