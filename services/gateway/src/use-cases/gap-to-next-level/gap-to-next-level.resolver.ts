import { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseInput, pastInstant } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';
import { levelGapFields, publishedFrameworkId } from './level-gap-fields.js';

// gapToNextLevel: "what does Ana still need for L4". Input checked here, levels readable by the access policy
// (canReadLevels), the gap computed by the domain's level rule in the read model (directors/level-gaps.ts);
// with asOf (not in the future), on the evidence approved at that instant.

const id = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');

export const gapToNextLevelInput = z.object({
  engineerId: id,
  competency: name,
  skill: name.nullish(),
  framework: id.nullish(),
});

export function gapToNextLevelResolvers(kit: UseCaseKit) {
  return {
    Query: {
      async gapToNextLevel(_: unknown, args: Record<string, unknown>, context: GatewayContext) {
        await kit.access.reader(context);
        const input = parseInput(gapToNextLevelInput, args, 'args');
        const now = kit.now();
        const asOf = args['asOf'] != null ? pastInstant(args['asOf'], 'asOf', now) : undefined;
        const frameworkId = await publishedFrameworkId(kit, input.framework, 'framework');
        const competencyId = await kit.resolveCompetency(input.competency, 'competency', frameworkId);
        const skillId = input.skill != null ? await kit.resolveSkillId(input.skill, 'skill') : null;
        if (!(await context.loaders.engineer.load(input.engineerId))) throw new GatewayError('NOT_FOUND', `No engineer '${input.engineerId}'`, 'engineerId');
        if (!(await kit.access.mayReadLevels(context, input.engineerId))) {
          throw new GatewayError('FORBIDDEN', `You may not read the levels of '${input.engineerId}': the engineer, their managers up the line, panel and admin may`, 'engineerId');
        }
        const gap = await kit.readModel.gapToNextLevel({ engineerId: input.engineerId, frameworkId, competencyId, skillId, at: now.toISOString(), ...(asOf !== undefined && { asOf }) });
        if (!gap) throw new GatewayError('NOT_FOUND', `No engineer '${input.engineerId}'`, 'engineerId');
        return gap;
      },
    },
    ...levelGapFields(kit),
  };
}
