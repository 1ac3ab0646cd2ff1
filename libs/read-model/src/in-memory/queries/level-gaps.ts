import { approvedEvidence, checkedAsOf, gapFromFacts, publishedFramework, readinessFromFacts, type LevelGapQuery, type LevelGapView, type PromotionCandidateView, type PromotionReadinessFilter } from '../../directors/level-gaps.js';
import { wasThereAt } from '../../directors/engineers-as-of.js';
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

const approvedOf = (graph: LevelGapGraph, engineerId: string, asOf: string | undefined) =>
  approvedEvidence((graph.evidenceByEngineer.get(engineerId) ?? []).map((id) => graph.evidence.get(id)!), asOf);

export function inMemoryGapToNextLevel(graph: LevelGapGraph, asked: LevelGapQuery): LevelGapView | null {
  const query = checkedAsOf(asked);
  const version = graph.publishedVersion(query.frameworkId);
  if (!version || !graph.engineers.has(query.engineerId)) return null;
  return gapFromFacts(publishedFramework(version), approvedOf(graph, query.engineerId, query.asOf), query);
}

export function inMemoryPromotionReadiness(graph: LevelGapGraph, asked: PromotionReadinessFilter): PromotionCandidateView[] {
  const filter = checkedAsOf(asked);
  const version = graph.publishedVersion(filter.frameworkId);
  if (!version) return [];
  const team = filter.teamId === undefined ? null : graph.teamMembers(filter.teamId);
  const line = filter.withinLineOf === undefined ? null : graph.lineOf(filter.withinLineOf);
  const counted = (e: EngineerView) => (filter.asOf === undefined ? e.status === 'active' : wasThereAt(e, filter.asOf));
  const population = [...(team ?? graph.engineers.keys())]
    .map((id) => graph.engineers.get(id))
    .filter((e): e is EngineerView => e !== undefined && counted(e) && (line === null || line.has(e.id)))
    .sort(compareEngineers);
  const facts = population.map((e) => ({
    engineerId: e.id,
    evidence: approvedOf(graph, e.id, filter.asOf),
    calibrations: (graph.calibrations.get(e.id) ?? []).map((c) => ({ competencyId: c.competencyId, level: c.level, calibratedAt: c.calibratedAt })),
  }));
  return readinessFromFacts(publishedFramework(version), facts, filter);
}
