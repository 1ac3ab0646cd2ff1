import DataLoader from 'dataloader';
import type {
  BehaviourView,
  DemonstratedLevelView,
  EngineerView,
  EvidenceView,
  SkillView,
  SkillsGraphReadModel,
  TeamView,
} from '@skills-graph/read-model';

type CompetencyView = Awaited<ReturnType<SkillsGraphReadModel['competencies']>>[number];

/** One set per request: batches the per-field look-ups of a query into one read-model call each. */
export function createLoaders(readModel: SkillsGraphReadModel) {
  const levelsAsOf = new Map<string, DataLoader<string, DemonstratedLevelView[]>>();
  return {
    /** One loader per instant asked about in the request. */
    levelsAsOf(asOf: string): DataLoader<string, DemonstratedLevelView[]> {
      const existing = levelsAsOf.get(asOf);
      if (existing) return existing;
      const loader = new DataLoader<string, DemonstratedLevelView[]>((ids) => readModel.levelsOfEngineers(ids, asOf));
      levelsAsOf.set(asOf, loader);
      return loader;
    },
    engineer: new DataLoader<string, EngineerView | null>((ids) => readModel.engineersByIds(ids)),
    team: new DataLoader<string, TeamView | null>((ids) => readModel.teamsByIds(ids)),
    levels: new DataLoader<string, DemonstratedLevelView[]>((ids) => readModel.levelsOfEngineers(ids)),
    evidenceOfEngineer: new DataLoader<string, EvidenceView[]>((ids) => readModel.evidenceOfEngineers(ids)),
    evidence: new DataLoader<string, EvidenceView | null>((ids) => readModel.evidenceByIds(ids)),
    behaviour: new DataLoader<string, BehaviourView | null>((ids) => readModel.behavioursByIds(ids)),
    /** Skills and competencies are few: one read per request serves every field that names one. */
    skill: new DataLoader<string, SkillView | null>(async (ids) => {
      const byId = new Map((await readModel.skills()).map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    competency: new DataLoader<string, CompetencyView | null>(async (ids) => {
      const byId = new Map((await readModel.competencies()).map((c) => [c.id, c]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
