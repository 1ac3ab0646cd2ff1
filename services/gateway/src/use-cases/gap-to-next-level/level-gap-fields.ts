import { evidenceSources, type EvidenceView, type LevelGapView } from '@skills-graph/read-model';
import { GatewayError } from '../../errors/gateway-error.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// What gapToNextLevel and promotionReadiness share: the framework an input names (or the only published
// one), the LevelGap type's fields, and the evidence-source mix of a level claim (DemonstratedLevel.sources).

/** The published framework a level question is asked against: the one named, else the only published one. */
export async function publishedFrameworkId(kit: UseCaseKit, framework: string | null | undefined, field: string): Promise<string> {
  const published = (await kit.readModel.frameworks()).filter((f) => f.publishedVersion !== null).map((f) => f.frameworkId);
  if (framework != null) {
    if (published.includes(framework)) return framework;
    throw new GatewayError('BAD_USER_INPUT', `No published framework '${framework}'; published: ${published.join(', ') || 'none'}`, field);
  }
  if (published.length === 1) return published[0]!;
  throw new GatewayError('BAD_USER_INPUT', published.length === 0 ? 'No framework is published yet' : `Several frameworks are published (${published.join(', ')}); name one`, field);
}

/** The proofs the viewer may read, in the order given (a proof the read model no longer knows is left out). */
export async function visibleProofs(kit: UseCaseKit, context: GatewayContext, evidenceIds: readonly string[]): Promise<EvidenceView[]> {
  const loaded = await context.loaders.evidence.loadMany(evidenceIds);
  return kit.access.visibleEvidence(context, loaded.filter((ev): ev is EvidenceView => ev !== null && !(ev instanceof Error)));
}

export function levelGapFields(kit: UseCaseKit) {
  return {
    LevelGap: {
      engineer: (g: LevelGapView, _: unknown, context: GatewayContext) => context.loaders.engineer.load(g.engineerId),
      competency: (g: LevelGapView) => kit.competencyOf(g.competencyId),
      skill: (g: LevelGapView) => (g.skillId === null ? null : kit.skillOf(g.skillId)),
      evidence: (g: LevelGapView, _: unknown, context: GatewayContext) => visibleProofs(kit, context, g.evidenceIds),
      sources: async (g: LevelGapView, _: unknown, context: GatewayContext) => evidenceSources(await visibleProofs(kit, context, g.evidenceIds)),
      missing: async (g: LevelGapView, _: unknown, context: GatewayContext) => (await context.loaders.behaviour.loadMany(g.missingBehaviourIds)).filter((b) => b !== null && !(b instanceof Error)),
    },
    BehaviourCoverage: {
      behaviour: (c: { behaviourId: string }, _: unknown, context: GatewayContext) => context.loaders.behaviour.load(c.behaviourId),
      covered: (c: { evidenceIds: string[] }) => c.evidenceIds.length > 0,
      evidence: (c: { evidenceIds: string[] }, _: unknown, context: GatewayContext) => visibleProofs(kit, context, c.evidenceIds),
    },
    DemonstratedLevel: {
      sources: async (l: { evidenceIds: string[] }, _: unknown, context: GatewayContext) => evidenceSources(await visibleProofs(kit, context, l.evidenceIds)),
    },
  };
}
