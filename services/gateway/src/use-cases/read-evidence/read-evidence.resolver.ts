import type { BehaviourView, DemonstratedLevelView, EngineerView, EvidenceView } from '@skills-graph/read-model';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';
import { upper } from '../read-engineers/read-engineers.resolver.js';

// Reading evidence and the levels it proves. An item is readable whole or not at all (docs/access-policy.md):
// approved evidence by whoever reads the engineer's levels; submitted, rejected and withdrawn evidence, with its
// reviewers and rejection reason, only by the engineer, their managers up the line and admin. Hidden: null by id,
// left out of lists.

export function readEvidenceResolvers(kit: UseCaseKit) {
  const { access } = kit;
  return {
    Query: {
      async evidence(_: unknown, args: { id: string }, context: GatewayContext) {
        await access.reader(context);
        const item = await context.loaders.evidence.load(args.id);
        return item && (await access.mayReadEvidence(context, item)) ? item : null;
      },
    },

    DemonstratedLevel: {
      competency: (l: DemonstratedLevelView) => kit.competencyOf(l.competencyId),
      skill: (l: DemonstratedLevelView) => (l.skillId === null ? null : kit.skillOf(l.skillId)),
      evidence: async (l: DemonstratedLevelView, _: unknown, context: GatewayContext) =>
        access.visibleEvidence(context, (await context.loaders.evidence.loadMany(l.evidenceIds)).filter((ev): ev is EvidenceView => ev !== null && !(ev instanceof Error))),
    },

    Evidence: {
      kind: (ev: EvidenceView) => upper(ev.kind),
      status: (ev: EvidenceView) => upper(ev.status),
      engineer: (ev: EvidenceView, _: unknown, context: GatewayContext) => context.loaders.engineer.load(ev.engineerId),
      skills: (ev: EvidenceView) => Promise.all(ev.skillIds.map((id) => kit.skillOf(id))),
      behaviours: async (ev: EvidenceView, _: unknown, context: GatewayContext) =>
        (await context.loaders.behaviour.loadMany(ev.behaviourIds)).filter((b): b is BehaviourView => b !== null && !(b instanceof Error)),
      endorsedBy: async (ev: EvidenceView, _: unknown, context: GatewayContext) =>
        (await context.loaders.engineer.loadMany(ev.endorserIds)).filter((e): e is EngineerView => e !== null && !(e instanceof Error)),
      reviewedBy: (ev: EvidenceView, _: unknown, context: GatewayContext) => (ev.reviewerId ? context.loaders.engineer.load(ev.reviewerId) : null),
    },
  };
}
