import { engineersMatchingAsOf } from '../../directors/engineers-as-of.js';
import type { DemonstratedLevelView, EngineerFilter } from '../../read-model.port.js';

/**
 * The engineers whose level part of the filter matched at `filter.asOf`, or null when the filter has no
 * level part. Reads only the history of the filter's competency and skill (`${competencyId}|${skillId ?? ''}`
 * → records in the order recorded), or, for a skill alone, the histories within that skill.
 */
export function candidatesAsOf(historyByCompetencySkill: ReadonlyMap<string, readonly DemonstratedLevelView[]>, filter: EngineerFilter & { asOf: string }): Set<string> | null {
  if (filter.competencyId !== undefined) {
    return engineersMatchingAsOf(historyByCompetencySkill.get(`${filter.competencyId}|${filter.skillId ?? ''}`) ?? [], filter, filter.asOf);
  }
  if (filter.skillId !== undefined) {
    const ids = new Set<string>();
    for (const [key, records] of historyByCompetencySkill) {
      if (key.endsWith(`|${filter.skillId}`)) engineersMatchingAsOf(records, filter, filter.asOf).forEach((id) => ids.add(id));
    }
    return ids;
  }
  return null;
}
