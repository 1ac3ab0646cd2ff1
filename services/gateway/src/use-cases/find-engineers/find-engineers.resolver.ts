import { z } from 'zod';
import { encodeStaffingCursor, maxPageSize, maxStaffingRequirements, type EvidenceView, type RequirementProof, type StaffingMatch, type StaffingQuery } from '@skills-graph/read-model';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Staffing search (docs/directors.md): who meets every requirement, ranked by margin, with the proof.
// Whom it may match is the access policy's level-search scope: a search by level reveals levels.

const requirementsInput = z
  .array(
    z.object({
      competency: z.string().trim().min(1, 'name a competency'),
      skill: z.string().trim().min(1).nullish(),
      levelAtLeast: z.number().int().min(1, 'levelAtLeast must be at least 1').max(100),
    }),
  )
  .min(1, 'give at least one requirement')
  .max(maxStaffingRequirements, `at most ${maxStaffingRequirements} requirements`);
const firstInput = z.number().int().min(1).max(maxPageSize, `first must be between 1 and ${maxPageSize}`);

type Args = { requirements: z.input<typeof requirementsInput>; team?: string | null; first: number; after?: string | null };

export function findEngineersResolvers(kit: UseCaseKit) {
  const { readModel, access } = kit;
  return {
    Query: {
      async findEngineers(_: unknown, args: Args, context: GatewayContext) {
        const scope = await access.levelSearch(context);
        const first = parseInput(firstInput, args.first, 'first');
        const requirements = await Promise.all(
          parseInput(requirementsInput, args.requirements, 'requirements').map(async (r, i) => ({
            competencyId: await kit.resolveCompetency(r.competency, `requirements[${i}].competency`),
            skillId: r.skill != null ? await kit.resolveSkillId(r.skill, `requirements[${i}].skill`) : null,
            levelAtLeast: r.levelAtLeast,
          })),
        );
        if (scope.kind === 'nobody') return { totalCount: 0, nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };
        const query: StaffingQuery = { requirements, ...(args.team != null && { teamId: args.team }), ...(scope.kind === 'line' && { withinLineOf: scope.engineerId }) };
        const page = await readModel.staffingSearch(query, { first, ...(args.after != null && { after: args.after }) });
        return { totalCount: page.totalCount, nodes: page.items, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
      },
    },
    types: {
      StaffingMatch: {
        requirements: (m: StaffingMatch) => m.proofs,
        cursor: (m: StaffingMatch) => encodeStaffingCursor(m),
      },
      RequirementProof: {
        competency: (p: RequirementProof) => kit.competencyOf(p.competencyId),
        skill: (p: RequirementProof) => (p.skillId === null ? null : kit.skillOf(p.skillId)),
        evidence: async (p: RequirementProof, _: unknown, context: GatewayContext) =>
          access.visibleEvidence(context, (await context.loaders.evidence.loadMany(p.evidenceIds)).filter((ev): ev is EvidenceView => ev !== null && !(ev instanceof Error))),
      },
    },
  };
}
