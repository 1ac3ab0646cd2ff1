import { compareStaffingMatches, decodeStaffingCursor, encodeStaffingCursor, proofOf, validateStaffingQuery, type RequirementProof, type StaffingMatch, type StaffingQuery } from '../../directors/staffing.js';
import type { DemonstratedLevelView, EngineerView, Page, PageRequest } from '../../read-model.port.js';

/** What the staffing search reads of the in-memory graph. */
export interface StaffingGraph {
  engineers: ReadonlyMap<string, EngineerView>;
  /** engineer id → level key → current level */
  levels: ReadonlyMap<string, ReadonlyMap<string, DemonstratedLevelView>>;
  /** level key → level → engineer ids */
  levelIndex: ReadonlyMap<string, ReadonlyMap<number, ReadonlySet<string>>>;
  /** `${competencyId}|${skillId ?? ''}` → the level keys of every framework that has it */
  levelKeysByCompetencySkill: ReadonlyMap<string, ReadonlySet<string>>;
  teamMembers(teamId: string): ReadonlySet<string>;
  lineOf(engineerId: string): ReadonlySet<string>;
}

/**
 * Engineers meeting every requirement: the candidates of the most selective requirement (from the level
 * index), each checked against the others on their own levels, ranked by margin then name.
 */
export function staffingSearch(graph: StaffingGraph, query: StaffingQuery, page: PageRequest): Page<StaffingMatch> {
  validateStaffingQuery(query, page);
  // Drive by the most selective requirement (fewest holders in the level index); check the others on each candidate's own levels.
  const holdersOf = (r: StaffingQuery['requirements'][number]) =>
    [...(graph.levelKeysByCompetencySkill.get(`${r.competencyId}|${r.skillId ?? ''}`) ?? [])].flatMap((key) => [...(graph.levelIndex.get(key) ?? [])].filter(([level]) => level >= r.levelAtLeast).map(([, ids]) => ids));
  const sized = query.requirements.map((r) => {
    const sets = holdersOf(r);
    return { sets, size: sets.reduce((sum, ids) => sum + ids.size, 0) };
  });
  const driving = sized.reduce((a, b) => (b.size < a.size ? b : a));
  const smallest = new Set<string>();
  for (const ids of driving.sets) ids.forEach((id) => smallest.add(id));
  const team = query.teamId === undefined ? null : graph.teamMembers(query.teamId);
  const line = query.withinLineOf === undefined ? null : graph.lineOf(query.withinLineOf);
  const matches: StaffingMatch[] = [];
  for (const id of smallest) {
    const engineer = graph.engineers.get(id);
    if (!engineer || engineer.status !== 'active' || (team !== null && !team.has(id)) || (line !== null && !line.has(id))) continue;
    const own = [...(graph.levels.get(id)?.values() ?? [])];
    const proofs = query.requirements.map((r) => proofOf(own, r));
    if (proofs.some((p) => p === null)) continue;
    const met = proofs as RequirementProof[];
    matches.push({ engineer: { ...engineer }, margin: met.reduce((sum, p) => sum + p.level - p.levelAtLeast, 0), proofs: met });
  }
  matches.sort(compareStaffingMatches);
  const after = page.after === undefined ? null : decodeStaffingCursor(page.after);
  const start = after === null ? 0 : matches.findIndex((m) => compareStaffingMatches(m, { margin: after.margin, engineer: after }) > 0);
  const items = start < 0 ? [] : matches.slice(start, start + page.first);
  const last = items.at(-1);
  return { items, totalCount: matches.length, endCursor: last ? encodeStaffingCursor(last) : null, hasNextPage: start >= 0 && start + page.first < matches.length };
}

