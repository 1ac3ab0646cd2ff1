import { assertNever, levelKey, normaliseSkillName, type RecordedEvent, type SkillsGraphEvent } from '@skills-graph/domain';

/** One parameterised Cypher statement; `rows` is UNWOUND, one row per event (or per item of an event). */
export interface CypherStatement {
  cypher: string;
  params: { rows: Record<string, unknown>[] };
}

type EventOf<T extends SkillsGraphEvent['type']> = Extract<SkillsGraphEvent, { type: T }>;

/** Neo4j cannot index null: the overall level (no skill) is stored under skill id ''. */
export const overallSkill = '';

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
SET b += row.props, b.current = true
WITH b, row
MATCH (v:FrameworkVersion {key: row.versionKey})
MATCH (c:Competency {id: row.props.competencyId})
MERGE (v)-[:INCLUDES]->(b)
MERGE (b)-[:IN_COMPETENCY]->(c)`,
  retireBehaviours: `UNWIND $rows AS row
MATCH (b:Behaviour {id: row.id})
SET b.current = false`,
  publishVersion: `UNWIND $rows AS row
MATCH (v:FrameworkVersion {key: row.key})
SET v.published = true`,
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
SET e.status = 'left'
WITH e
OPTIONAL MATCH (e)-[membership:MEMBER_OF]->()
DELETE membership`,
  submitEvidence: `UNWIND $rows AS row
MERGE (ev:Evidence {id: row.evidenceId})
SET ev += row.props
MERGE (e:Engineer {id: row.props.engineerId})
MERGE (ev)-[:EVIDENCE_OF]->(e)
FOREACH (skillId IN row.props.skillIds | MERGE (s:Skill {id: skillId}) MERGE (ev)-[:TAGGED]->(s))
FOREACH (behaviourId IN row.props.behaviourIds | MERGE (b:Behaviour {id: behaviourId}) MERGE (ev)-[:CLAIMS]->(b))
FOREACH (projectId IN CASE WHEN row.props.projectId IS NULL THEN [] ELSE [row.props.projectId] END |
  MERGE (p:Project {id: projectId})
  MERGE (ev)-[:FOR_PROJECT]->(p))`,
  endorseEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev.endorserIds = ev.endorserIds + row.endorserId`,
  reviewEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props`,
  amendEvidence: `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props, ev.status = 'submitted', ev.endorserIds = []
WITH ev, row
OPTIONAL MATCH (ev)-[tag:TAGGED]->()
DELETE tag
WITH DISTINCT ev, row
OPTIONAL MATCH (ev)-[claim:CLAIMS]->()
DELETE claim
WITH DISTINCT ev
FOREACH (skillId IN ev.skillIds | MERGE (s:Skill {id: skillId}) MERGE (ev)-[:TAGGED]->(s))
FOREACH (behaviourId IN ev.behaviourIds | MERGE (b:Behaviour {id: behaviourId}) MERGE (ev)-[:CLAIMS]->(b))`,
  setLevels: `UNWIND $rows AS row
MERGE (e:Engineer {id: row.props.engineerId})
MERGE (d:DemonstratedLevel {key: row.key})
SET d += row.props
MERGE (e)-[:DEMONSTRATES]->(d)
WITH d, row
OPTIONAL MATCH (d)-[proof:PROVEN_BY]->()
DELETE proof
WITH DISTINCT d, row
FOREACH (evidenceId IN row.props.evidenceIds | MERGE (ev:Evidence {id: evidenceId}) MERGE (d)-[:PROVEN_BY]->(ev))`,
  dropLevels: `UNWIND $rows AS row
MATCH (d:DemonstratedLevel {key: row.key})
DETACH DELETE d`,
  levelHistory: `UNWIND $rows AS row
MERGE (e:Engineer {id: row.engineerId})
CREATE (e)-[:LEVEL_HISTORY]->(r:LevelRecord)
SET r = row.props`,
  calibrate: `UNWIND $rows AS row
MERGE (e:Engineer {id: row.engineerId})
CREATE (e)-[:CALIBRATED]->(c:Calibration)
SET c = row.props`,
} as const;

const versionKey = (frameworkId: string, version: number) => `${frameworkId}@${version}`;

/** One row of one statement; rows with the same `collapse` key within a group replace each other (the last wins). */
interface PlannedRow {
  cypher: string;
  row: Record<string, unknown>;
  collapse?: string;
}

interface StatementGroup {
  eventType: string;
  buckets: Map<string, (Record<string, unknown> | null)[]>;
  collapsed: Map<string, { cypher: string; index: number }>;
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

  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as SkillsGraphEvent;
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
      group = { eventType: event.type, buckets: new Map(), collapsed: new Map(), touched: new Set() };
      groups.push(group);
    }
    if (entity !== null) group.touched.add(entity);
    for (const planned of translate(event, Number(recorded.globalPosition))) {
      const rows = group.buckets.get(planned.cypher) ?? [];
      group.buckets.set(planned.cypher, rows);
      if (planned.collapse !== undefined) {
        const earlier = group.collapsed.get(planned.collapse);
        if (earlier) group.buckets.get(earlier.cypher)![earlier.index] = null;
        group.collapsed.set(planned.collapse, { cypher: planned.cypher, index: rows.length });
      }
      rows.push(planned.row);
    }
    // Framework imports are rare and several statements deep: nothing joins a group across them.
    if (entity === null) barrier = groups.length;
  }

  const statements: CypherStatement[] = [];
  for (const group of groups) {
    for (const [cypherText, rows] of group.buckets) {
      const kept = rows.filter((row): row is Record<string, unknown> => row !== null);
      if (kept.length > 0) statements.push({ cypher: cypherText, params: { rows: kept } });
    }
  }
  return statements;
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

function translate(event: SkillsGraphEvent, position: number): PlannedRow[] {
  switch (event.type) {
    case 'FrameworkVersionImported':
      return frameworkImported(event);
    case 'FrameworkVersionPublished':
      return [{ cypher: cypher.publishVersion, row: { key: versionKey(event.data.frameworkId, event.data.version) } }];
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
      return [{ cypher: cypher.engineerLeft, row: { engineerId: event.data.engineerId } }];
    case 'EvidenceSubmitted': {
      const d = event.data;
      return [
        {
          cypher: cypher.submitEvidence,
          row: {
            evidenceId: d.evidenceId,
            props: {
                engineerId: d.engineerId,
                kind: d.kind,
                title: d.title,
                url: d.url,
                date: d.date,
                projectId: d.projectId,
                skillIds: d.skillIds,
                behaviourIds: d.behaviourIds,
                status: 'submitted',
                endorserIds: [],
                reviewerId: null,
                rejectionReason: null,
                submittedAt: d.submittedAt,
            },
          },
        },
      ];
    }
    case 'EvidenceEndorsed':
      return [{ cypher: cypher.endorseEvidence, row: { evidenceId: event.data.evidenceId, endorserId: event.data.endorserId } }];
    case 'EvidenceApproved':
      return [{ cypher: cypher.reviewEvidence, row: { evidenceId: event.data.evidenceId, props: { status: 'approved', reviewerId: event.data.approverId } } }];
    case 'EvidenceRejected':
      return [{ cypher: cypher.reviewEvidence, row: { evidenceId: event.data.evidenceId, props: { status: 'rejected', reviewerId: event.data.reviewerId, rejectionReason: event.data.reason } } }];
    case 'EvidenceWithdrawn':
      return [{ cypher: cypher.reviewEvidence, row: { evidenceId: event.data.evidenceId, props: { status: 'withdrawn' } } }];
    case 'EvidenceAmended':
      return [{ cypher: cypher.amendEvidence, row: { evidenceId: event.data.evidenceId, props: { ...event.data.changes } } }];
    case 'DemonstratedLevelRecorded': {
      const d = event.data;
      const key = `${d.engineerId}|${levelKey(d.frameworkId, d.competencyId, d.skillId)}`;
      const props = { engineerId: d.engineerId, frameworkId: d.frameworkId, frameworkVersion: d.frameworkVersion, competencyId: d.competencyId, skillId: d.skillId ?? overallSkill, level: d.level, evidenceIds: d.evidenceIds, computedAt: d.computedAt };
      return [
        d.level === 0 ? { cypher: cypher.dropLevels, row: { key }, collapse: key } : { cypher: cypher.setLevels, row: { key, props }, collapse: key },
        { cypher: cypher.levelHistory, row: { engineerId: d.engineerId, props: { ...props, key, position } } },
      ];
    }
    case 'LevelCalibrated': {
      const d = event.data;
      return [{ cypher: cypher.calibrate, row: { engineerId: d.engineerId, props: { ...d } } }];
    }
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
    ...d.changes.removed.map((id) => ({ cypher: cypher.retireBehaviours, row: { id } })),
  ];
}

export const checkpointName = 'skills-graph';
export const readCheckpointCypher = `MATCH (c:ProjectionCheckpoint {name: $name}) RETURN c.position AS position`;
export const writeCheckpointCypher = `MERGE (c:ProjectionCheckpoint {name: $name}) SET c.position = $position`;
