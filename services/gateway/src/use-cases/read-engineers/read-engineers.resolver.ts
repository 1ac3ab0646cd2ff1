import { encodeCursor, type EngineerFilter, type EngineerView } from '@skills-graph/read-model';
import { GatewayError } from '../../errors/gateway-error.js';
import { pastInstant } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Reading engineers: the directory (name, title, team, manager, status) for anyone signed in; e-mail, levels
// and evidence by the access policy, field by field (docs/access-policy.md). A hidden e-mail is null, hidden
// levels an empty list, hidden evidence left out of the list.

export interface EngineerFilterArgs {
  framework?: string | null;
  competency?: string | null;
  level?: number | null;
  levelAtLeast?: number | null;
  skill?: string | null;
  team?: string | null;
  includeLeavers?: boolean | null;
  asOf?: string | null;
}

export const upper = (value: string) => value.toUpperCase().replace(/-/g, '_');

export function readEngineersResolvers(kit: UseCaseKit) {
  const { readModel, access } = kit;
  return {
    Query: {
      async engineers(_: unknown, args: { filter?: EngineerFilterArgs | null; first: number; after?: string | null; waitForPosition?: string | null }, context: GatewayContext) {
        await access.reader(context);
        if (args.waitForPosition) {
          if (!/^\d+$/.test(args.waitForPosition)) throw new GatewayError('BAD_USER_INPUT', 'waitForPosition must be a position returned by a mutation', 'waitForPosition');
          await kit.waitFor(args.waitForPosition);
        }
        const f = args.filter ?? {};
        const asOf = f.asOf != null ? pastInstant(f.asOf, 'filter.asOf', kit.now()) : undefined;
        const frameworkId = f.framework ?? undefined;
        const byLevel = f.framework != null || f.competency != null || f.skill != null || f.level != null || f.levelAtLeast != null;
        // A search by level or skill reveals levels: it matches only engineers whose levels the viewer may read.
        const scope = byLevel ? await access.levelSearch(context) : ({ kind: 'everyone' } as const);
        const filter: EngineerFilter = {
          ...(frameworkId !== undefined && { frameworkId }),
          ...(f.competency != null && { competencyId: await kit.resolveCompetency(f.competency, 'filter.competency', frameworkId) }),
          ...(f.skill != null && { skillId: await kit.resolveSkillId(f.skill, 'filter.skill') }),
          ...(f.level != null && { level: f.level }),
          ...(f.levelAtLeast != null && { levelAtLeast: f.levelAtLeast }),
          ...(f.team != null && { teamId: f.team }),
          ...(scope.kind === 'line' && { withinLineOf: scope.engineerId }),
          includeLeavers: f.includeLeavers ?? false,
          ...(asOf !== undefined && { asOf }),
        };
        const page =
          scope.kind === 'nobody'
            ? { items: [], totalCount: 0, endCursor: null, hasNextPage: false }
            : await readModel.findEngineers(filter, { first: args.first, ...(args.after != null && { after: args.after }) });
        return {
          totalCount: page.totalCount,
          nodes: page.items,
          // Only when asked for: the default resolver calls a function-valued field (a cursor per node costs).
          edges: () => page.items.map((node) => ({ node, cursor: encodeCursor(node) })),
          pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
        };
      },
      async engineer(_: unknown, args: { id: string }, context: GatewayContext) {
        await access.reader(context);
        return context.loaders.engineer.load(args.id);
      },
    },

    Engineer: {
      status: (e: EngineerView) => upper(e.status),
      email: async (e: EngineerView, _: unknown, context: GatewayContext) => ((await access.mayReadEmail(context, e.id)) ? e.email : null),
      team: (e: EngineerView, _: unknown, context: GatewayContext) => context.loaders.team.load(e.teamId),
      manager: (e: EngineerView, _: unknown, context: GatewayContext) => (e.managerId ? context.loaders.engineer.load(e.managerId) : null),
      async levels(e: EngineerView, args: { competency?: string | null; skill?: string | null; asOf?: string | null }, context: GatewayContext) {
        const competencyId = args.competency != null ? await kit.resolveCompetency(args.competency, 'competency') : undefined;
        const skillId = args.skill != null ? await kit.resolveSkillId(args.skill, 'skill') : undefined;
        const asOf = args.asOf != null ? pastInstant(args.asOf, 'asOf', kit.now()) : null;
        if (!(await access.mayReadLevels(context, e.id))) return [];
        const levels = asOf !== null ? await context.loaders.levelsAsOf(asOf).load(e.id) : await context.loaders.levels.load(e.id);
        return levels.filter((l) => (competencyId === undefined || l.competencyId === competencyId) && (skillId === undefined || l.skillId === skillId));
      },
      async evidence(e: EngineerView, args: { status?: string | null }, context: GatewayContext) {
        const all = await context.loaders.evidenceOfEngineer.load(e.id);
        return access.visibleEvidence(context, args.status ? all.filter((ev) => upper(ev.status) === args.status) : all);
      },
    },
  };
}
