import type { DemonstratedLevelView, EngineerFilter, EngineerView } from '../read-model.port.js';

/**
 * Organisation-wide `asOf` on engineers(filter): the level part of the filter is judged on the levels as
 * they stood at that instant (the last level record of each key at or before it; level 0 ends a level).
 * Teams and the reporting line are today's. An engineer counts as there then when they had joined by that
 * day and had not left by it, so a leaver who was there then is found without includeLeavers.
 */
export function wasThereAt(engineer: Pick<EngineerView, 'status' | 'joinedOn' | 'leftOn'>, asOf: string): boolean {
  const day = asOf.slice(0, 10);
  if (engineer.joinedOn > day) return false;
  return engineer.status === 'active' || (engineer.leftOn != null && engineer.leftOn > day);
}

/** Whether a level as it stood matches the level part of the filter. */
export function levelMatches(filter: EngineerFilter, level: number): boolean {
  if (level <= 0) return false;
  return filter.level !== undefined ? level === filter.level : level >= (filter.levelAtLeast ?? 1);
}

/**
 * Engineer ids whose level (as of `asOf`) matches the filter, from the history records of the filter's
 * competency and skill in the order recorded.
 */
export function engineersMatchingAsOf(history: Iterable<DemonstratedLevelView>, filter: EngineerFilter, asOf: string): Set<string> {
  const latest = new Map<string, DemonstratedLevelView>();
  for (const r of history) {
    if (r.computedAt > asOf) continue;
    if (filter.frameworkId !== undefined && r.frameworkId !== filter.frameworkId) continue;
    if (filter.competencyId !== undefined && r.competencyId !== filter.competencyId) continue;
    // With a competency, the level within the skill (or the overall one); a skill alone: any level within it.
    if (filter.competencyId !== undefined ? r.skillId !== (filter.skillId ?? null) : r.skillId !== filter.skillId) continue;
    latest.set(`${r.engineerId}|${r.frameworkId}|${r.competencyId}|${r.skillId ?? ''}`, r);
  }
  const ids = new Set<string>();
  for (const r of latest.values()) {
    if (filter.competencyId === undefined ? r.level > 0 : levelMatches(filter, r.level)) ids.add(r.engineerId);
  }
  return ids;
}
