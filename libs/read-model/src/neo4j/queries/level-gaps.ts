import type { FrameworkContent } from '@skills-graph/domain';
import { approvedEvidence, gapFromFacts, readinessFromFacts, type LevelGapQuery, type LevelGapView, type PromotionCandidateView, type PromotionReadinessFilter, type PublishedFramework, type ReadinessFacts } from '../../directors/level-gaps.js';
import { approvedPeriodsOf } from '../../evidence-view-changes.js';
import type { EvidenceView } from '../../read-model.port.js';

type Props = Record<string, unknown>;
type EvidenceFacts = Pick<EvidenceView, 'id' | 'status' | 'date' | 'skillIds' | 'behaviourIds' | 'approvedPeriods'>;

const evidenceProjection = 'ev {.id, .status, .date, .skillIds, .behaviourIds}';
/**
 * The engineer's evidence: approved now; or, with asOf, every item approved by then (its first approval
 * at or before asOf; approvedFrom is in the order of the approvals), with its approval periods, which the
 * adapter narrows to those approved at asOf (directors/level-gaps.ts, approvedEvidence).
 */
const evidenceMatch = (asOf: string | undefined) =>
  asOf === undefined ? "OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence {status: 'approved'})" : 'OPTIONAL MATCH (e)<-[:EVIDENCE_OF]-(ev:Evidence)\n  WHERE ev.approvedFrom[0] <= $asOf';
const evidenceOf = (asOf: string | undefined) => (asOf === undefined ? evidenceProjection : 'ev {.id, .status, .date, .skillIds, .behaviourIds, .approvedFrom, .approvedUntil}');

/** The framework's published version (`current`: the one published last), by the `framework_version_framework` index. */
const publishedVersionMatch = `OPTIONAL MATCH (v:FrameworkVersion {frameworkId: $frameworkId})
WHERE v.current = true`;
const versionProjection = 'v {.frameworkId, .version, .name, .levelsJson, .competenciesJson, .behavioursJson, .policyJson}';

/**
 * The facts of gapToNextLevel in one statement: the published version, then one seek on the `engineer_id`
 * constraint and the engineer's approved evidence one hop away.
 */
export function gapFactsCypher(query: Pick<LevelGapQuery, 'engineerId' | 'frameworkId' | 'asOf'>): { cypher: string; params: Props } {
  const cypher = `${publishedVersionMatch}
WITH ${versionProjection} AS version
OPTIONAL MATCH (e:Engineer {id: $engineerId})
WHERE e.status IS NOT NULL
${evidenceMatch(query.asOf)}
RETURN version, e IS NOT NULL AS known, collect(${evidenceOf(query.asOf)}) AS evidence`;
  return { cypher, params: { engineerId: query.engineerId, frameworkId: query.frameworkId, ...(query.asOf !== undefined && { asOf: query.asOf }) } };
}

/** The query as gapFactsCypher was built from (its asOf checked: directors/level-gaps.ts, checkedAsOf). */
export function gapFromRow(row: Props | undefined, query: LevelGapQuery): LevelGapView | null {
  const framework = toPublishedFramework(row?.['version']);
  if (framework === null || row?.['known'] !== true) return null;
  return gapFromFacts(framework, approvedEvidence(toEvidenceFacts(row['evidence']), query.asOf), query);
}

/** The published version alone (promotionReadiness reads it before its population). */
export function publishedVersionCypher(frameworkId: string): { cypher: string; params: Props } {
  return { cypher: `${publishedVersionMatch}
RETURN ${versionProjection} AS version`, params: { frameworkId } };
}

export function toPublishedFramework(value: unknown): PublishedFramework | null {
  if (value === null || value === undefined) return null;
  const v = value as Props;
  const content: FrameworkContent = {
    name: v['name'] as string,
    levels: JSON.parse(v['levelsJson'] as string) as FrameworkContent['levels'],
    competencies: JSON.parse(v['competenciesJson'] as string) as FrameworkContent['competencies'],
    behaviours: JSON.parse(v['behavioursJson'] as string) as FrameworkContent['behaviours'],
    policy: JSON.parse(v['policyJson'] as string) as FrameworkContent['policy'],
  };
  return { frameworkId: v['frameworkId'] as string, version: Number(v['version']), content };
}

/**
 * The facts of promotionReadiness: the population starts from an index (the team's `team_id`, or the line's
 * head by `engineer_id` walking REPORTS_TO inwards; with neither, every engineer), then per current
 * engineer (with asOf: per engineer there that day, joined by it and not left by it) their approved
 * evidence and their calibrations in the order recorded. By name, then id.
 */
export function readinessFactsCypher(filter: Pick<PromotionReadinessFilter, 'teamId' | 'withinLineOf' | 'asOf'>): { cypher: string; params: Props } {
  const start =
    filter.teamId !== undefined
      ? 'MATCH (e:Engineer)-[:MEMBER_OF]->(:Team {id: $teamId})'
      : filter.withinLineOf !== undefined
        ? 'MATCH (e:Engineer)-[:REPORTS_TO*0..]->(:Engineer {id: $withinLineOf})'
        : 'MATCH (e:Engineer)';
  const lineToo = filter.teamId !== undefined && filter.withinLineOf !== undefined ? "\n  AND (e.id = $withinLineOf OR (e)-[:REPORTS_TO*1..]->(:Engineer {id: $withinLineOf}))" : '';
  // As wasThereAt (directors/engineers-as-of.ts): joined by asOf's day and not left by it.
  const counted = filter.asOf === undefined ? "e.status = 'active'" : "e.joinedOn <= $asOfDay AND (e.status = 'active' OR e.leftOn > $asOfDay)";
  const cypher = `${start}
WITH DISTINCT e
WHERE ${counted}${lineToo}
CALL (e) {
  ${evidenceMatch(filter.asOf)}
  RETURN collect(${evidenceOf(filter.asOf)}) AS evidence
}
CALL (e) {
  OPTIONAL MATCH (e)-[:CALIBRATED]->(c:Calibration)
  WITH c ORDER BY c.position
  RETURN collect(c {.competencyId, .level, .calibratedAt}) AS calibrations
}
RETURN e.id AS id, evidence, calibrations
ORDER BY e.name, e.id`;
  const asOf = filter.asOf === undefined ? {} : { asOf: filter.asOf, asOfDay: filter.asOf.slice(0, 10) };
  return { cypher, params: { teamId: filter.teamId ?? null, withinLineOf: filter.withinLineOf ?? null, ...asOf } };
}

export function readinessFromRows(framework: PublishedFramework, rows: readonly Props[], filter: PromotionReadinessFilter): PromotionCandidateView[] {
  const facts = rows.map(
    (row): ReadinessFacts => ({
      engineerId: row['id'] as string,
      evidence: approvedEvidence(toEvidenceFacts(row['evidence']), filter.asOf),
      calibrations: ((row['calibrations'] as Props[]) ?? []).map((c) => ({ competencyId: c['competencyId'] as string, level: Number(c['level']), calibratedAt: c['calibratedAt'] as string })),
    }),
  );
  return readinessFromFacts(framework, facts, filter);
}

function toEvidenceFacts(value: unknown): EvidenceFacts[] {
  return ((value as Props[]) ?? []).map((p) => ({
    id: p['id'] as string,
    status: p['status'] as EvidenceView['status'],
    date: p['date'] as string,
    skillIds: (p['skillIds'] as string[]) ?? [],
    behaviourIds: (p['behaviourIds'] as string[]) ?? [],
    approvedPeriods: approvedPeriodsOf(p['approvedFrom'] as string[] | undefined, p['approvedUntil'] as string[] | undefined),
  }));
}
