import { approvedEvidence, gapFromFacts, publishedFramework, readinessFromFacts, type LevelGapQuery, type LevelGapView, type PromotionCandidateView, type PromotionReadinessFilter } from '../../directors/level-gaps.js';
import { compareEngineers, type CalibratedLevelView, type EngineerView, type EvidenceView, type FrameworkVersionView } from '../../read-model.port.js';

/** What gapToNextLevel and promotionReadiness read from the in-memory graph. */
export interface LevelGapGraph {
  engineers: ReadonlyMap<string, EngineerView>;
  evidence: ReadonlyMap<string, EvidenceView>;
  evidenceByEngineer: ReadonlyMap<string, readonly string[]>;
  calibrations: ReadonlyMap<string, readonly CalibratedLevelView[]>;
  /** The framework's published version (the one published last); undefined while none is. */
  publishedVersion(frameworkId: string): FrameworkVersionView | undefined;
  teamMembers(teamId: string): ReadonlySet<string>;
  lineOf(engineerId: string): ReadonlySet<string>;
}

const approvedOf = (graph: LevelGapGraph, engineerId: string) =>
  approvedEvidence((graph.evidenceByEngineer.get(engineerId) ?? []).map((id) => graph.evidence.get(id)!));

export function inMemoryGapToNextLevel(graph: LevelGapGraph, query: LevelGapQuery): LevelGapView | null {
  const version = graph.publishedVersion(query.frameworkId);
  if (!version || !graph.engineers.has(query.engineerId)) return null;
  return gapFromFacts(publishedFramework(version), approvedOf(graph, query.engineerId), query);
}

export function inMemoryPromotionReadiness(graph: LevelGapGraph, filter: PromotionReadinessFilter): PromotionCandidateView[] {
  const version = graph.publishedVersion(filter.frameworkId);
  if (!version) return [];
  const team = filter.teamId === undefined ? null : graph.teamMembers(filter.teamId);
  const line = filter.withinLineOf === undefined ? null : graph.lineOf(filter.withinLineOf);
  const population = [...(team ?? graph.engineers.keys())]
    .map((id) => graph.engineers.get(id))
    .filter((e): e is EngineerView => e !== undefined && e.status === 'active' && (line === null || line.has(e.id)))
    .sort(compareEngineers);
  const facts = population.map((e) => ({
    engineerId: e.id,
    evidence: approvedOf(graph, e.id),
    calibrations: (graph.calibrations.get(e.id) ?? []).map((c) => ({ competencyId: c.competencyId, level: c.level })),
  }));
  return readinessFromFacts(publishedFramework(version), facts, filter);
}
