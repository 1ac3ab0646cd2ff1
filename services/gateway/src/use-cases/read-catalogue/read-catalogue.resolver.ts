import { competencySlug } from '@skills-graph/domain';
import type { BehaviourView, FrameworkVersionView } from '@skills-graph/read-model';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Reading the catalogue: frameworks, their versions and behaviours, skills and teams. Anyone signed in (and
// the demo visitor); nobody anonymous in jwt mode (docs/access-policy.md).

export function readCatalogueResolvers(kit: UseCaseKit) {
  const { readModel, access } = kit;
  return {
    Query: {
      async frameworks(_: unknown, __: unknown, context: GatewayContext) {
        await access.reader(context);
        return (await readModel.frameworks()).map((f) => ({ id: f.frameworkId, name: f.name, latestVersion: f.latestVersion, publishedVersion: f.publishedVersion, currentVersion: f.publishedVersion }));
      },
      async framework(_: unknown, args: { id: string; version?: number | null }, context: GatewayContext) {
        await access.reader(context);
        return readModel.frameworkVersion(args.id, args.version ?? undefined);
      },
      async skills(_: unknown, __: unknown, context: GatewayContext) {
        await access.reader(context);
        return readModel.skills();
      },
      async teams(_: unknown, __: unknown, context: GatewayContext) {
        await access.reader(context);
        return readModel.teams();
      },
    },

    FrameworkSummary: {
      // The same answer as framework(id); frameworks() already checked the reader.
      current: (f: { id: string }) => readModel.frameworkVersion(f.id),
    },

    Behaviour: {
      competency: (b: BehaviourView) => kit.competencyOf(b.competencyId),
    },

    FrameworkVersion: {
      id: (f: FrameworkVersionView) => f.frameworkId,
      behaviours: (f: FrameworkVersionView, args: { competency?: string | null; level?: number | null }) =>
        f.behaviours.filter(
          (b) => (args.competency == null || b.competencyId === competencySlug(args.competency)) && (args.level == null || b.level === args.level),
        ),
      changes: (f: FrameworkVersionView) => ({
        ...f.changes,
        reworded: f.changes.reworded.map((r) => ({ ...r, kind: r.kind === 'case-or-punctuation' ? 'CASE_OR_PUNCTUATION' : 'REWORDED' })),
        moved: f.changes.moved.map((m) => m.id),
      }),
    },
  };
}
