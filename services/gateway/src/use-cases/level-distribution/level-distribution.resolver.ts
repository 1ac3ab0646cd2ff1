import { z } from 'zod';
import type { LevelDistributionGroup, LevelGroupBy } from '@skills-graph/read-model';
import { parseInput, pastInstant } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import { aggregateId, aggregateName, countableScope } from '../directors-scope.js';
import type { UseCaseKit } from '../use-case-kit.js';

// levelDistribution: a director's heatmap row in one request. Input checked here, scope from the access
// policy (directors-scope.ts), counting in the read model (directors/level-aggregates.ts).

export const levelDistributionInput = {
  competency: aggregateName,
  skill: aggregateName.nullish(),
  groupBy: z.enum(['TEAM', 'MANAGER', 'NONE']).nullish(),
  filter: z.object({ framework: aggregateId.nullish(), team: aggregateId.nullish() }).strict().nullish(),
};

type GroupParent = LevelDistributionGroup & { groupBy: LevelGroupBy };

export function levelDistributionResolvers(kit: UseCaseKit) {
  return {
    Query: {
      async levelDistribution(_: unknown, args: Record<string, unknown>, context: GatewayContext) {
        const scope = await countableScope(kit, context, 'levelDistribution');
        const input = {
          competency: parseInput(levelDistributionInput.competency, args['competency'], 'competency'),
          skill: parseInput(levelDistributionInput.skill, args['skill'], 'skill'),
          groupBy: parseInput(levelDistributionInput.groupBy, args['groupBy'], 'groupBy') ?? 'NONE',
          filter: parseInput(levelDistributionInput.filter, args['filter'], 'filter'),
          asOf: args['asOf'],
        };
        const frameworkId = input.filter?.framework ?? undefined;
        const competencyId = await kit.resolveCompetency(input.competency, 'competency', frameworkId);
        const skillId = input.skill != null ? await kit.resolveSkillId(input.skill, 'skill') : null;
        const asOf = input.asOf != null ? pastInstant(input.asOf, 'asOf', kit.now()) : undefined;
        const view = await kit.readModel.levelDistribution({
          competencyId,
          skillId,
          groupBy: input.groupBy,
          ...(frameworkId !== undefined && { frameworkId }),
          ...(input.filter?.team != null && { teamId: input.filter.team }),
          ...scope,
          ...(asOf !== undefined && { asOf }),
        });
        return {
          competency: await kit.competencyOf(competencyId),
          skill: skillId === null ? null : await kit.skillOf(skillId),
          groupBy: input.groupBy,
          asOf: asOf ?? null,
          groups: view.groups.map((g): GroupParent => ({ ...g, groupBy: input.groupBy })),
        };
      },
    },
    LevelDistributionGroup: {
      team: (g: GroupParent, _: unknown, context: GatewayContext) => (g.groupBy === 'TEAM' && g.groupId !== null ? context.loaders.team.load(g.groupId) : null),
      manager: (g: GroupParent, _: unknown, context: GatewayContext) => (g.groupBy === 'MANAGER' && g.groupId !== null ? context.loaders.engineer.load(g.groupId) : null),
    },
  };
}
