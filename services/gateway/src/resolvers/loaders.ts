import DataLoader from 'dataloader';
import type {
  BehaviourView,
  CalibratedLevelView,
  DemonstratedLevelView,
  EngineerView,
  EvidenceView,
  SkillsGraphReadModel,
  TeamView,
} from '@skills-graph/read-model';

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
    calibrations: new DataLoader<string, CalibratedLevelView[]>((ids) => readModel.calibrationsOfEngineers(ids)),
    evidenceOfEngineer: new DataLoader<string, EvidenceView[]>((ids) => readModel.evidenceOfEngineers(ids)),
    evidence: new DataLoader<string, EvidenceView | null>((ids) => readModel.evidenceByIds(ids)),
    behaviour: new DataLoader<string, BehaviourView | null>((ids) => readModel.behavioursByIds(ids)),

  };
}

export type Loaders = ReturnType<typeof createLoaders>;
