import type { EngineerFilter } from '../../read-model.port.js';

/**
 * Organisation-wide asOf on findEngineers (directors/engineers-as-of.ts says what it means). The level
 * part reads the level history: one seek in `level_record_lookup` (competencyId, skillId, computedAt) —
 * or `level_record_skill` for a skill alone — keeps each level key's last record at or before $asOf, and
 * matches its level; then one lookup of the engineer by id. Null when the filter has no level part.
 */
export function levelMatchAsOf(filter: EngineerFilter): string | null {
  if (filter.competencyId === undefined && filter.skillId === undefined) return null;
  const seek =
    filter.competencyId !== undefined
      ? 'WHERE r.competencyId = $competencyId AND r.skillId = $skillId AND r.computedAt <= $asOf'
      : 'WHERE r.skillId = $skillId AND r.computedAt <= $asOf';
  const level = filter.competencyId === undefined ? '' : filter.level !== undefined ? ' AND last.level = $level' : ' AND last.level >= $minLevel';
  return `MATCH (r:LevelRecord)
${seek}${filter.frameworkId !== undefined ? ' AND r.frameworkId = $frameworkId' : ''}
WITH r ORDER BY r.position
WITH r.key AS key, last(collect(r)) AS last
WHERE last.level > 0${level}
MATCH (e:Engineer {id: last.engineerId})`;
}

/**
 * Who counts, by status: without asOf the active engineers; with it those who had joined by that day and
 * not left by it; with includeLeavers everyone recorded.
 */
export function statusCondition(filter: EngineerFilter): string {
  if (filter.asOf === undefined) return "(e.status = 'active' OR ($includeLeavers AND e.status = 'left'))";
  return "(($includeLeavers AND e.status IS NOT NULL) OR (e.joinedOn <= $asOfDay AND (e.status = 'active' OR e.leftOn > $asOfDay)))";
}

export const asOfParams = (filter: EngineerFilter) => ({ asOf: filter.asOf ?? null, asOfDay: filter.asOf?.slice(0, 10) ?? null });
