import neo4j from 'neo4j-driver';
import { decodeStaffingCursor, encodeStaffingCursor, validateStaffingQuery, type RequirementProof, type StaffingMatch, type StaffingQuery } from '../../directors/staffing.js';
import type { EngineerView, Page, PageRequest } from '../../read-model.port.js';
import { overallSkill } from '../event-to-cypher.js';

type Props = Record<string, unknown>;

/**
 * Staffing search in one statement: the holders of each requirement are counted in the index
 * `demonstrated_level_lookup` (competencyId, skillId, level >= levelAtLeast); the requirement with the
 * fewest drives (one index seek, one hop to each engineer); each candidate's own levels then prove every
 * requirement (the best level: highest, then first framework id). Those meeting all are ranked by margin,
 * name and id, and the page after the cursor is cut from that list.
 */
export function staffingSearchCypher(query: StaffingQuery, page: PageRequest): { cypher: string; params: Props } {
  validateStaffingQuery(query, page);
  const after = page.after === undefined ? null : decodeStaffingCursor(page.after);
  const cypher = `UNWIND range(0, size($requirements) - 1) AS i
CALL (i) {
  WITH $requirements[i] AS req
  MATCH (d:DemonstratedLevel)
  WHERE d.competencyId = req.competencyId AND d.skillId = req.skillId AND d.level >= req.levelAtLeast
  RETURN count(d) AS holders
}
WITH i ORDER BY holders, i LIMIT 1
WITH $requirements[i] AS driving
MATCH (first:DemonstratedLevel)
WHERE first.competencyId = driving.competencyId AND first.skillId = driving.skillId AND first.level >= driving.levelAtLeast
MATCH (e:Engineer)-[:DEMONSTRATES]->(first)
WHERE e.status = 'active'${query.teamId !== undefined ? '\n  AND (e)-[:MEMBER_OF]->(:Team {id: $teamId})' : ''}${
    query.withinLineOf !== undefined ? '\n  AND (e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))' : ''
  }
WITH DISTINCT e
CALL (e) {
  UNWIND range(0, size($requirements) - 1) AS i
  WITH i, $requirements[i] AS req
  MATCH (e)-[:DEMONSTRATES]->(d:DemonstratedLevel)
  WHERE d.competencyId = req.competencyId AND d.skillId = req.skillId AND d.level >= req.levelAtLeast
  WITH i, req, d ORDER BY d.level DESC, d.frameworkId
  WITH i, req, head(collect(d)) AS best
  RETURN collect({i: i, level: best.level, frameworkId: best.frameworkId, evidenceIds: best.evidenceIds, margin: best.level - req.levelAtLeast}) AS met
}
WITH e, met WHERE size(met) = size($requirements)
WITH e, met, reduce(total = 0, m IN met | total + m.margin) AS margin
ORDER BY margin DESC, e.name, e.id
WITH collect({engineer: e, met: met, margin: margin}) AS matched
WITH matched, [x IN matched WHERE $afterMargin IS NULL OR x.margin < $afterMargin OR (x.margin = $afterMargin AND (x.engineer.name > $afterName OR (x.engineer.name = $afterName AND x.engineer.id > $afterId)))] AS rest
RETURN size(matched) AS total, rest[0..$first] AS page, size(rest) > $first AS more`;
  const params: Props = {
    requirements: query.requirements.map((r) => ({ competencyId: r.competencyId, skillId: r.skillId ?? overallSkill, levelAtLeast: r.levelAtLeast })),
    teamId: query.teamId ?? null,
    withinLineOf: query.withinLineOf ?? null,
    afterMargin: after?.margin ?? null,
    afterName: after?.name ?? null,
    afterId: after?.id ?? null,
    first: neo4j.int(page.first),
  };
  return { cypher, params };
}

/** The page from the statement's one row; `toEngineer` turns an Engineer node's properties into its view. */
export function staffingPage(query: StaffingQuery, row: Props | undefined, toEngineer: (node: unknown) => EngineerView): Page<StaffingMatch> {
  const items = ((row?.['page'] as Props[]) ?? []).map((x): StaffingMatch => {
    const met = new Map((x['met'] as Props[]).map((m) => [Number(m['i']), m]));
    const proofs = query.requirements.map((r, i): RequirementProof => {
      const m = met.get(i)!;
      return { ...r, level: Number(m['level']), frameworkId: m['frameworkId'] as string, evidenceIds: (m['evidenceIds'] as string[]) ?? [] };
    });
    return { engineer: toEngineer(x['engineer']), margin: Number(x['margin']), proofs };
  });
  const last = items.at(-1);
  return { items, totalCount: Number(row?.['total'] ?? 0), endCursor: last ? encodeStaffingCursor(last) : null, hasNextPage: row?.['more'] === true };
}
