import { assertNever, erasedPlaceholders, levelKey, normaliseSkillName, type RecordedEvent, type SkillsGraphEvent } from '@skills-graph/domain';
import { approvalLists, approvedPeriodsAfter, approvedPeriodsOf, calibratedLevel, erasedEngineer, erasedRationale, evidenceChange, submittedEvidence } from '../evidence-view-changes.js';

/**
 * One parameterised Cypher statement; `rows` is UNWOUND, one row per event (or per item of an event).
 * A row is a map, or, for the high-volume statements, a list of values in the order of `columns`.
 */
export interface CypherStatement {
  cypher: string;
  params: { rows: (Record<string, unknown> | unknown[])[] };
  columns?: readonly string[];
}

type EventOf<T extends SkillsGraphEvent['type']> = Extract<SkillsGraphEvent, { type: T }>;

/** Neo4j cannot index null: the overall level (no skill) is stored under skill id ''. */
export const overallSkill = '';

/**
 * `SET n.a = a, ...` for a fixed list of columns. Naming each property (rather than `SET n += map`) lets
 * Neo4j see that the SET cannot change what earlier clauses matched on, so it plans no Eager step.
 */
const setEach = (variable: string, keys: readonly string[]): string => keys.map((k) => `${variable}.${k} = ${k}`).join(', ');
/** approvedFrom / approvedUntil: the approval periods as two parallel lists (evidence-view-changes.ts, approvalLists). */
const evidenceKeys = ['engineerId', 'kind', 'title', 'url', 'date', 'projectId', 'skillIds', 'behaviourIds', 'status', 'endorserIds', 'reviewerId', 'rejectionReason', 'submittedAt', 'approvedFrom', 'approvedUntil'] as const;
/** A withdrawal or an amendment closes the open approval period, if there is one (approvedUntil one shorter than approvedFrom). */
const closeApprovedPeriod = 'ev.approvedUntil = CASE WHEN size(coalesce(ev.approvedUntil, [])) < size(coalesce(ev.approvedFrom, [])) THEN coalesce(ev.approvedUntil, []) + row.endedAt ELSE ev.approvedUntil END';
const levelKeys = ['engineerId', 'frameworkId', 'frameworkVersion', 'competencyId', 'skillId', 'level', 'evidenceIds', 'computedAt'] as const;
const levelRecordKeys = [...levelKeys, 'key', 'position'] as const;

/** The column lists of the statements whose rows are sent as lists, by their Cypher. */
const columnsByCypher = new Map<string, readonly string[]>();

/**
 * A statement for the events that come by the hundred thousand (evidence, levels): its rows go as lists of
 * values, not maps, so the driver and Neo4j handle no key per value (the parameters are about a third of
 * such a statement's time, and lists halve them). Its first clause names the columns, so the Cypher after
 * it reads as if each row were a map.
 */
function columnar(columns: readonly string[], body: string): string {
  const text = `UNWIND $rows AS values\nWITH ${columns.map((c, i) => `values[${i}] AS ${c}`).join(', ')}\n${body}`;
  columnsByCypher.set(text, columns);
  return text;
}

const cypher = {
  frameworkVersion: `UNWIND $rows AS row
MERGE (f:Framework {id: row.frameworkId})
SET f.name = row.name
MERGE (v:FrameworkVersion {key: row.key})
SET v += row.version
MERGE (f)-[:HAS_VERSION]->(v)`,
  competencies: `UNWIND $rows AS row
MERGE (c:Competency {id: row.id})
ON CREATE SET c.name = row.name, c.description = row.description`,
  behaviours: `UNWIND $rows AS row
MERGE (b:Behaviour {id: row.id})
SET b += row.props, b.current = coalesce(b.current, false)
WITH b, row
MATCH (v:FrameworkVersion {key: row.versionKey})
MATCH (c:Competency {id: row.props.competencyId})
MERGE (v)-[:INCLUDES]->(b)
MERGE (b)-[:IN_COMPETENCY]->(c)`,
  publishVersion: `UNWIND $rows AS row
MATCH (:Framework {id: row.frameworkId})-[:HAS_VERSION]->(v:FrameworkVersion)
SET v.current = (v.key = row.key), v.published = (v.published OR v.key = row.key)`,
  // A behaviour is current while the framework's current version (the latest while none is published) includes it.
  refreshCurrentBehaviours: `UNWIND $rows AS row
MATCH (:Framework {id: row.frameworkId})-[:HAS_VERSION]->(v:FrameworkVersion)
WITH row, v ORDER BY v.version DESC
WITH row, collect(v) AS versions
WITH row, coalesce(head([x IN versions WHERE x.current]), head(versions)) AS chosen
MATCH (b:Behaviour {frameworkId: row.frameworkId})
SET b.current = EXISTS { (chosen)-[:INCLUDES]->(b) }`,
  registerSkill: `UNWIND $rows AS row
MERGE (s:Skill {id: row.skillId})
SET s.name = row.name, s.aliases = row.aliases
FOREACH (name IN row.names | MERGE (n:SkillName {name: name}) MERGE (n)-[:NAMES]->(s))`,
  addSkillAlias: `UNWIND $rows AS row
MATCH (s:Skill {id: row.skillId})
SET s.aliases = s.aliases + row.alias
MERGE (n:SkillName {name: row.name})
MERGE (n)-[:NAMES]->(s)`,
  placeEngineer: `UNWIND $rows AS row
MERGE (e:Engineer {id: row.engineerId})
SET e += row.props
MERGE (t:Team {id: row.teamId})
SET t.name = row.teamName
WITH e, t, row
OPTIONAL MATCH (e)-[oldTeam:MEMBER_OF]->()
DELETE oldTeam
WITH e, t, row
MERGE (e)-[:MEMBER_OF]->(t)
WITH e, row
OPTIONAL MATCH (e)-[oldManager:REPORTS_TO]->()
DELETE oldManager
WITH e, row
FOREACH (managerId IN CASE WHEN row.props.managerId IS NULL THEN [] ELSE [row.props.managerId] END |
  MERGE (m:Engineer {id: managerId})
  MERGE (e)-[:REPORTS_TO]->(m))`,
  engineerLeft: `UNWIND $rows AS row
MATCH (e:Engineer {id: row.engineerId})
SET e.status = 'left', e.leftOn = row.leftOn
WITH e
OPTIONAL MATCH (e)-[membership:MEMBER_OF]->()
DELETE membership`,
  // Erasure: the engineer's personal fields, and those of their evidence and calibrations, become placeholders.
  eraseEngineer: `UNWIND $rows AS row
MATCH (e:Engineer {id: row.engineerId})
SET e.name = row.name, e.email = null, e.erased = true
WITH e, row
CALL (e, row) {
  MATCH (ev:Evidence)-[:EVIDENCE_OF]->(e)
  SET ev.title = row.text, ev.url = null, ev.rejectionReason = CASE WHEN ev.rejectionReason IS NULL THEN NULL ELSE row.text END
}
CALL (e, row) {
  MATCH (e)-[:CALIBRATED]->(c:Calibration)
  SET c.rationale = row.rationale
}`,
  // The evidence is new (the projector applies each event once: the checkpoint commits with the data),
  // so its relationships are CREATEd; reads (MERGE) come before the one SET, so Neo4j needs no Eager step.
  submitEvidence: columnar(
    ['evidenceId', ...evidenceKeys],
    `MERGE (ev:Evidence {id: evidenceId})
MERGE (e:Engineer {id: engineerId})
CREATE (ev)-[:EVIDENCE_OF]->(e)
FOREACH (skillId IN skillIds | MERGE (s:Skill {id: skillId}) CREATE (ev)-[:TAGGED]->(s))
FOREACH (behaviourId IN behaviourIds | MERGE (b:Behaviour {id: behaviourId}) CREATE (ev)-[:CLAIMS]->(b))
FOREACH (project IN CASE WHEN projectId IS NULL THEN [] ELSE [projectId] END |
  MERGE (p:Project {id: project})
  CREATE (ev)-[:FOR_PROJECT]->(p))
SET ${setEach('ev', evidenceKeys)}`,
  ),
  endorseEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev.endorserIds = ev.endorserIds + row.endorserId`,
  reviewEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props`,
  // An approval opens an approval period; a withdrawal closes it (asOf on gapToNextLevel and promotionReadiness).
  approveEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props, ev.approvedFrom = coalesce(ev.approvedFrom, []) + row.approvedAt`,
  withdrawEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props, ${closeApprovedPeriod}`,
  amendEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props, ${closeApprovedPeriod}
WITH ev, row
OPTIONAL MATCH (ev)-[tag:TAGGED]->()
DELETE tag
WITH DISTINCT ev, row
OPTIONAL MATCH (ev)-[claim:CLAIMS]->()
DELETE claim
WITH DISTINCT ev
FOREACH (skillId IN ev.skillIds | MERGE (s:Skill {id: skillId}) MERGE (ev)-[:TAGGED]->(s))
FOREACH (behaviourId IN ev.behaviourIds | MERGE (b:Behaviour {id: behaviourId}) MERGE (ev)-[:CLAIMS]->(b))`,
  // Every level record joins the engineer's history; the last record of a key in the statement (`latest`)
  // also sets the current level: a level of 0 deletes it; otherwise PROVEN_BY, which always mirrors
  // d.evidenceIds, is re-linked by difference (a new level usually adds one item to its proof).
  recordLevels: columnar(
    ['latest', ...levelRecordKeys],
    `MERGE (e:Engineer {id: engineerId})
CREATE (e)-[:LEVEL_HISTORY]->(:LevelRecord {${levelRecordKeys.map((k) => `${k}: ${k}`).join(', ')}})
WITH * WHERE latest
CALL (key, level) {
  WITH * WHERE level = 0
  MATCH (gone:DemonstratedLevel {key: key})
  DETACH DELETE gone
}
WITH * WHERE level > 0
MERGE (d:DemonstratedLevel {key: key})
WITH *, d.evidenceIds IS NULL AS created, coalesce(d.evidenceIds, []) AS before
CALL (d, evidenceIds, before) {
  UNWIND [x IN before WHERE NOT x IN evidenceIds] AS goneId
  MATCH (d)-[proof:PROVEN_BY]->(:Evidence {id: goneId})
  DELETE proof
}
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (e)-[:DEMONSTRATES]->(d))
FOREACH (evidenceId IN [x IN evidenceIds WHERE NOT x IN before] |
  MERGE (ev:Evidence {id: evidenceId})
  CREATE (d)-[:PROVEN_BY]->(ev))
SET ${setEach('d', levelKeys)}`,
  ),
  // A calibration is history (a panel may calibrate a competency again): one node per event, in log order.
  calibrate: `UNWIND $rows AS row
MERGE (e:Engineer {id: row.engineerId})
CREATE (e)-[:CALIBRATED]->(c:Calibration)
SET c = row.props`,
} as const;

const versionKey = (frameworkId: string, version: number) => `${frameworkId}@${version}`;

/**
 * One row of one statement. Rows with the same `collapse` key within a group replace each other (the
 * last wins); of rows with the same `latestOf` key, all stay but only the last keeps `latest: true`.
 */
interface PlannedRow {
  cypher: string;
  row: Record<string, unknown>;
  collapse?: string;
  latestOf?: string;
}

interface StatementGroup {
  eventType: string;
  buckets: Map<string, (Record<string, unknown> | null)[]>;
  collapsed: Map<string, { cypher: string; index: number }>;
  latest: Map<string, Record<string, unknown>>;
  /** Entities (an evidence, an engineer, a skill) that events in this group touch. */
  touched: Set<string>;
}

/**
 * Translates a batch of events into as few UNWIND statements as order allows. An event joins the latest
 * group of its type unless a later group already touched the same entity; so the events of one entity
 * keep their order, while events of different entities (which commute) are batched together even when
 * their types interleave (submit, approve, submit, approve...). Framework imports are barriers. Within a
 * group, later state for the same thing (an engineer's placement, a level) replaces earlier state,
 * because Cypher applies each clause to all rows before the next clause.
 */
export function cypherForEvents(events: readonly RecordedEvent[]): CypherStatement[] {
  const groups: StatementGroup[] = [];
  let barrier = 0; // groups before this index are closed

  // Evidence submitted in this batch: later changes to it in the same batch fold into its one row.
  const submittedHere = new Map<string, Record<string, unknown>>();

  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as SkillsGraphEvent;
    if (foldIntoSubmission(event, submittedHere)) continue;
    const entity = entityOf(event);
    let group: StatementGroup | undefined;
    for (let i = groups.length - 1; i >= barrier; i -= 1) {
      if (groups[i]!.eventType === event.type) {
        group = groups[i];
        break;
      }
      if (entity === null || groups[i]!.touched.has(entity)) break;
    }
    if (!group) {
      group = { eventType: event.type, buckets: new Map(), collapsed: new Map(), latest: new Map(), touched: new Set() };
      groups.push(group);
    }
    if (entity !== null) group.touched.add(entity);
    for (const planned of translate(event, Number(recorded.globalPosition), recorded.metadata.actor)) {
      const rows = group.buckets.get(planned.cypher) ?? [];
      group.buckets.set(planned.cypher, rows);
      if (planned.collapse !== undefined) {
        const earlier = group.collapsed.get(planned.collapse);
        if (earlier) group.buckets.get(earlier.cypher)![earlier.index] = null;
        group.collapsed.set(planned.collapse, { cypher: planned.cypher, index: rows.length });
      }
      if (planned.latestOf !== undefined) {
        const earlier = group.latest.get(planned.latestOf);
        if (earlier) earlier['latest'] = false;
        group.latest.set(planned.latestOf, planned.row);
      }
      rows.push(planned.row);
      if (event.type === 'EvidenceSubmitted') submittedHere.set(event.data.evidenceId, planned.row);
    }
    // Framework imports are rare and several statements deep: nothing joins a group across them.
    if (entity === null) barrier = groups.length;
  }

  const statements: CypherStatement[] = [];
  for (const group of groups) {
    for (const [cypherText, rows] of group.buckets) {
      const kept = rows.filter((row): row is Record<string, unknown> => row !== null);
      if (kept.length === 0) continue;
      const columns = columnsByCypher.get(cypherText);
      if (columns) statements.push({ cypher: cypherText, params: { rows: kept.map((row) => columns.map((c) => row[c] ?? null)) }, columns });
      else statements.push({ cypher: cypherText, params: { rows: kept } });
    }
  }
  return statements;
}

/**
 * Applies a change of an evidence submitted earlier in the same batch to that submission's row, so the
 * evidence is written once, in its final state of the batch. Nothing in a batch reads an evidence's
 * properties, so writing its later state at the submission's place in the order changes no outcome.
 */
function foldIntoSubmission(event: SkillsGraphEvent, submittedHere: Map<string, Record<string, unknown>>): boolean {
  switch (event.type) {
    case 'EvidenceEndorsed': {
      const props = submittedHere.get(event.data.evidenceId);
      if (props) props['endorserIds'] = [...(props['endorserIds'] as string[]), event.data.endorserId];
      return props !== undefined;
    }
    case 'EvidenceApproved':
    case 'EvidenceRejected':
    case 'EvidenceWithdrawn':
    case 'EvidenceAmended': {
      const props = submittedHere.get(event.data.evidenceId);
      if (props) Object.assign(props, evidenceChange(event), approvalLists(approvedPeriodsAfter(approvedPeriodsOf(props['approvedFrom'] as string[], props['approvedUntil'] as string[]), event)));
      return props !== undefined;
    }
    default:
      return false;
  }
}

/** The one thing an event changes, for ordering; null for framework events, which order against everything. */
function entityOf(event: SkillsGraphEvent): string | null {
  switch (event.type) {
    case 'FrameworkVersionImported':
    case 'FrameworkVersionPublished':
    case 'BehaviourReworded':
    case 'BehaviourMoved':
    case 'BehaviourRetired':
      return null;
    case 'SkillRegistered':
    case 'SkillAliasAdded':
      return `skill:${event.data.skillId}`;
    case 'EngineerJoined':
    case 'EngineerMoved':
    case 'EngineerLeft':
    case 'EngineerErased':
    case 'ApprovalsDelegated':
    case 'ApprovalDelegationRevoked':
    case 'DemonstratedLevelRecorded':
    case 'LevelCalibrated':
      return `engineer:${event.data.engineerId}`;
    case 'EvidenceSubmitted':
    case 'EvidenceEndorsed':
    case 'EvidenceApproved':
    case 'EvidenceRejected':
    case 'EvidenceWithdrawn':
    case 'EvidenceAmended':
      return `evidence:${event.data.evidenceId}`;
    default:
      return assertNever(event);
  }
}

function translate(event: SkillsGraphEvent, position: number, actor: string): PlannedRow[] {
  switch (event.type) {
    case 'FrameworkVersionImported':
      return frameworkImported(event);
    case 'FrameworkVersionPublished':
      return [
        { cypher: cypher.publishVersion, row: { frameworkId: event.data.frameworkId, key: versionKey(event.data.frameworkId, event.data.version) } },
        { cypher: cypher.refreshCurrentBehaviours, row: { frameworkId: event.data.frameworkId } },
      ];
    case 'BehaviourReworded':
    case 'BehaviourMoved':
    case 'BehaviourRetired':
      return []; // the imported version already carries the edition; retirement is applied from its changes
    case 'SkillRegistered': {
      const { skillId, name, aliases } = event.data;
      const names = [...new Set([skillId, name, ...aliases].map(normaliseSkillName))];
      return [{ cypher: cypher.registerSkill, row: { skillId, name, aliases, names } }];
    }
    case 'SkillAliasAdded':
      return [{ cypher: cypher.addSkillAlias, row: { skillId: event.data.skillId, alias: event.data.alias, name: normaliseSkillName(event.data.alias) } }];
    case 'EngineerJoined': {
      const d = event.data;
      const props = { name: d.name, email: d.email, title: d.title, teamId: d.teamId, managerId: d.managerId, joinedOn: d.joinedOn, status: 'active' };
      return [{ cypher: cypher.placeEngineer, row: { engineerId: d.engineerId, teamId: d.teamId, teamName: d.teamName, props }, collapse: d.engineerId }];
    }
    case 'EngineerMoved': {
      const d = event.data;
      const props = { title: d.title, teamId: d.teamId, managerId: d.managerId };
      return [{ cypher: cypher.placeEngineer, row: { engineerId: d.engineerId, teamId: d.teamId, teamName: d.teamName, props }, collapse: d.engineerId }];
    }
    case 'EngineerLeft':
      return [{ cypher: cypher.engineerLeft, row: { engineerId: event.data.engineerId, leftOn: event.data.leftOn } }];
    case 'ApprovalsDelegated':
    case 'ApprovalDelegationRevoked':
      return []; // approval delegations live on the manager's stream only: the evidence rules read them there
    case 'EngineerErased':
      return [{ cypher: cypher.eraseEngineer, row: { engineerId: event.data.engineerId, name: erasedEngineer.name, text: erasedPlaceholders.text, rationale: erasedRationale } }];
    case 'EvidenceSubmitted': {
      const { id, approvedPeriods, ...evidence } = submittedEvidence(event.data);
      const row: Record<string, unknown> = { evidenceId: id, ...evidence, ...approvalLists(approvedPeriods) };
      return [{ cypher: cypher.submitEvidence, row }];
    }
    case 'EvidenceEndorsed':
      return [{ cypher: cypher.endorseEvidence, row: { evidenceId: event.data.evidenceId, endorserId: event.data.endorserId } }];
    case 'EvidenceApproved':
      return [{ cypher: cypher.approveEvidence, row: { evidenceId: event.data.evidenceId, props: evidenceChange(event), approvedAt: event.data.approvedAt } }];
    case 'EvidenceRejected':
      return [{ cypher: cypher.reviewEvidence, row: { evidenceId: event.data.evidenceId, props: evidenceChange(event) } }];
    case 'EvidenceWithdrawn':
      return [{ cypher: cypher.withdrawEvidence, row: { evidenceId: event.data.evidenceId, props: evidenceChange(event), endedAt: event.data.withdrawnAt } }];
    case 'EvidenceAmended':
      return [{ cypher: cypher.amendEvidence, row: { evidenceId: event.data.evidenceId, props: evidenceChange(event), endedAt: event.data.amendedAt } }];
    case 'DemonstratedLevelRecorded': {
      const d = event.data;
      const key = `${d.engineerId}|${levelKey(d.frameworkId, d.competencyId, d.skillId)}`;
      const props = { engineerId: d.engineerId, frameworkId: d.frameworkId, frameworkVersion: d.frameworkVersion, competencyId: d.competencyId, skillId: d.skillId ?? overallSkill, level: d.level, evidenceIds: d.evidenceIds, computedAt: d.computedAt };
      return [{ cypher: cypher.recordLevels, row: { latest: true, ...props, key, position }, latestOf: key }];
    }
    case 'LevelCalibrated':
      return [{ cypher: cypher.calibrate, row: { engineerId: event.data.engineerId, props: { ...calibratedLevel(event.data, actor), position } } }];
    default:
      return assertNever(event);
  }
}

function frameworkImported(event: EventOf<'FrameworkVersionImported'>): PlannedRow[] {
  const d = event.data;
  const key = versionKey(d.frameworkId, d.version);
  return [
    {
      cypher: cypher.frameworkVersion,
      row: {
          frameworkId: d.frameworkId,
          name: d.content.name,
          key,
          version: {
            frameworkId: d.frameworkId,
            version: d.version,
            name: d.content.name,
            published: false,
            current: false,
            importedAt: d.importedAt,
            // Nested structures are kept as JSON on the version node; the graph holds behaviours as nodes.
            levelsJson: JSON.stringify(d.content.levels),
            competenciesJson: JSON.stringify(d.content.competencies),
            behavioursJson: JSON.stringify(d.content.behaviours),
            policyJson: JSON.stringify(d.content.policy),
            changesJson: JSON.stringify(d.changes),
            warnings: d.warnings,
        },
      },
    },
    ...d.content.competencies.map((c) => ({ cypher: cypher.competencies, row: { id: c.id, name: c.name, description: c.description ?? null } })),
    ...d.content.behaviours.map((b) => ({
      cypher: cypher.behaviours,
      row: { id: b.id, versionKey: key, props: { frameworkId: d.frameworkId, level: b.level, competencyId: b.competencyId, text: b.text, notes: b.notes, examples: b.examples } },
    })),
    { cypher: cypher.refreshCurrentBehaviours, row: { frameworkId: d.frameworkId } },
  ];
}

export const checkpointName = 'skills-graph';
export const readCheckpointCypher = `MATCH (c:ProjectionCheckpoint {name: $name}) RETURN c.position AS position`;
export const writeCheckpointCypher = `MERGE (c:ProjectionCheckpoint {name: $name}) SET c.position = $position`;
