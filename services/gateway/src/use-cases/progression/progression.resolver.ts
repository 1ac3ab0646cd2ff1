import { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import { aggregateId, aggregateName, countableScope } from '../directors-scope.js';
import type { UseCaseKit } from '../use-case-kit.js';

// progression: level counts over time. Input checked here (the interval count is bounded by the read
// model's progressionPeriods, refused as BAD_USER_INPUT on `to`), scope from the access policy
// (directors-scope.ts), counting in the read model (directors/level-aggregates.ts).

const day = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'expected a date, YYYY-MM-DD');

export const progressionInput = {
  competency: aggregateName,
  skill: aggregateName.nullish(),
  team: aggregateId.nullish(),
  framework: aggregateId.nullish(),
  from: day,
  to: day,
  interval: z.enum(['MONTH', 'QUARTER']).nullish(),
};

export function progressionResolvers(kit: UseCaseKit) {
  return {
    Query: {
      async progression(_: unknown, args: Record<string, unknown>, context: GatewayContext) {
        const scope = await countableScope(kit, context, 'progression');
        const from = parseInput(progressionInput.from, args['from'], 'from');
        const to = parseInput(progressionInput.to, args['to'], 'to');
        const today = kit.now().toISOString().slice(0, 10);
        if (to > today) throw new GatewayError('BAD_USER_INPUT', `to is in the future (${to}); levels are known up to today (${today})`, 'to');
        if (from > to) throw new GatewayError('BAD_USER_INPUT', `from (${from}) is after to (${to})`, 'from');
        const interval = parseInput(progressionInput.interval, args['interval'], 'interval') ?? 'MONTH';
        const teamId = parseInput(progressionInput.team, args['team'], 'team') ?? undefined;
        const frameworkId = parseInput(progressionInput.framework, args['framework'], 'framework') ?? undefined;
        const competencyId = await kit.resolveCompetency(parseInput(progressionInput.competency, args['competency'], 'competency'), 'competency', frameworkId);
        const skill = parseInput(progressionInput.skill, args['skill'], 'skill');
        const skillId = skill != null ? await kit.resolveSkillId(skill, 'skill') : null;
        const view = await kit.readModel.progression({
          competencyId,
          skillId,
          from,
          to,
          interval,
          ...(teamId !== undefined && { teamId }),
          ...(frameworkId !== undefined && { frameworkId }),
          ...scope,
        });
        return { competency: await kit.competencyOf(competencyId), skill: skillId === null ? null : await kit.skillOf(skillId), interval, points: view.points };
      },
    },
  };
}
