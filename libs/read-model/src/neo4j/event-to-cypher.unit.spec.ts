import { describe, expect, it } from '@jest/globals';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { recordedEvents } from '../testing/recorded-events.js';
import { cypherForEvents, type CypherStatement } from './event-to-cypher.js';

// Translation tests: the Cypher and parameters the projector sends for a batch, without a database.
// Integration with a real Neo4j is the contract suite (neo4j-skills-graph.int.spec.ts).

const level = (engineerId: string, lvl: number, computedAt: string): SkillsGraphEvent => ({
  type: 'DemonstratedLevelRecorded',
  data: { engineerId, competencyId: 'mastery', skillId: 'go', level: lvl, previousLevel: 0, evidenceIds: lvl ? ['ev-1'] : [], frameworkId: 'fw', frameworkVersion: 1, computedAt },
});

const submitted = (evidenceId: string): SkillsGraphEvent => ({
  type: 'EvidenceSubmitted',
  data: { evidenceId, engineerId: 'e1', kind: 'rfc', title: evidenceId, url: null, date: '2026-01-01', projectId: null, skillIds: [], behaviourIds: ['b1'], frameworkId: 'fw', submittedBy: 'e1', submittedAt: 't' },
});
const approved = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceApproved', data: { evidenceId, engineerId: 'e1', approverId: 'boss', approvedAt: 't' } });
const withdrawn = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceWithdrawn', data: { evidenceId, engineerId: 'e1', withdrawnBy: 'e1', withdrawnAt: 't', wasApproved: true } });

/** A statement's rows as maps, whether they are sent as maps or as lists of `columns`. */
const rowsOf = (statement: CypherStatement): Record<string, unknown>[] =>
  statement.params.rows.map((row) => (Array.isArray(row) ? Object.fromEntries(statement.columns!.map((column, i) => [column, row[i]])) : row));

describe('event → Cypher', () => {
  it('batches a run of one event type into one UNWIND statement, and starts a new one when the type changes', () => {
    const statements = cypherForEvents(
      recordedEvents([
        { type: 'EvidenceApproved', data: { evidenceId: 'ev-1', engineerId: 'e1', approverId: 'boss', approvedAt: 't1' } },
        { type: 'EvidenceApproved', data: { evidenceId: 'ev-2', engineerId: 'e1', approverId: 'boss', approvedAt: 't2' } },
        { type: 'EvidenceEndorsed', data: { evidenceId: 'ev-3', engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: 't3' } },
      ]),
    );
    expect(statements).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props, ev.approvedFrom = coalesce(ev.approvedFrom, []) + row.approvedAt",
    "params": {
      "rows": [
        {
          "approvedAt": "t1",
          "evidenceId": "ev-1",
          "props": {
            "reviewerId": "boss",
            "status": "approved",
          },
        },
        {
          "approvedAt": "t2",
          "evidenceId": "ev-2",
          "props": {
            "reviewerId": "boss",
            "status": "approved",
          },
        },
      ],
    },
  },
  {
    "cypher": "UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev.endorserIds = ev.endorserIds + row.endorserId",
    "params": {
      "rows": [
        {
          "endorserId": "e2",
          "evidenceId": "ev-3",
        },
      ],
    },
  },
]
`);
  });

  it('records every level in the history, and lets only the last of a key in a run set the current level (a level set then dropped is dropped)', () => {
    const statements = cypherForEvents(recordedEvents([level('e1', 4, 't1'), level('e2', 3, 't1'), level('e1', 0, 't2')]));
    expect(statements.map((s) => rowsOf(s).map((r) => `${r['key'] as string} level ${r['level'] as number}${r['latest'] ? ' (latest)' : ''}`))).toEqual([
      ['e1|fw|mastery|go level 4', 'e2|fw|mastery|go level 3 (latest)', 'e1|fw|mastery|go level 0 (latest)'],
    ]);
  });

  it('stores the overall level (no skill) under skill id "" so the lookup index can hold it', () => {
    const [setLevel] = cypherForEvents(recordedEvents([{ ...level('e1', 2, 't'), data: { ...(level('e1', 2, 't').data as object), skillId: null } } as SkillsGraphEvent]));
    expect(rowsOf(setLevel!)[0]).toMatchInlineSnapshot(`
{
  "competencyId": "mastery",
  "computedAt": "t",
  "engineerId": "e1",
  "evidenceIds": [
    "ev-1",
  ],
  "frameworkId": "fw",
  "frameworkVersion": 1,
  "key": "e1|fw|mastery|",
  "latest": true,
  "level": 2,
  "position": 1,
  "skillId": "",
}
`);
  });

  it('batches interleaved types across different evidence, keeping each evidence\'s own order', () => {
    // Evidence submitted in an earlier batch: each change is its own row.
    const endorsed = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceEndorsed', data: { evidenceId, engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: 't' } });
    const statements = cypherForEvents(recordedEvents([endorsed('ev-1'), approved('ev-1'), endorsed('ev-2'), withdrawn('ev-1'), approved('ev-2')]));
    expect(statements.map((st) => [st.cypher.split('\n')[2], rowsOf(st).map((r) => `${r['evidenceId'] as string}:${((r['props'] as { status?: string }) ?? {}).status ?? ''}`)])).toEqual([
      ['SET ev.endorserIds = ev.endorserIds + row.endorserId', ['ev-1:', 'ev-2:']],
      ['SET ev += row.props, ev.approvedFrom = coalesce(ev.approvedFrom, []) + row.approvedAt', ['ev-1:approved', 'ev-2:approved']],
      ['SET ev += row.props, ev.approvedUntil = CASE WHEN size(coalesce(ev.approvedUntil, [])) < size(coalesce(ev.approvedFrom, [])) THEN coalesce(ev.approvedUntil, []) + row.endedAt ELSE ev.approvedUntil END', ['ev-1:withdrawn']],
    ]);
  });

  it('keeps when evidence was approved (asOf on the gap questions): an approval opens a period, a withdrawal or an amendment closes it', () => {
    const at = (event: SkillsGraphEvent, instant: string): SkillsGraphEvent => {
      const data = event.data as Record<string, unknown>;
      const key = event.type === 'EvidenceApproved' ? 'approvedAt' : event.type === 'EvidenceWithdrawn' ? 'withdrawnAt' : 'amendedAt';
      return { ...event, data: { ...data, [key]: instant } } as SkillsGraphEvent;
    };
    const amended: SkillsGraphEvent = { type: 'EvidenceAmended', data: { evidenceId: 'ev-1', engineerId: 'e1', changes: { title: 'Corrected' }, amendedBy: 'e1', amendedAt: 't' } };
    // Submitted in the batch: the periods fold into the one row that writes the evidence.
    const [submission] = cypherForEvents(recordedEvents([submitted('ev-1'), at(approved('ev-1'), 't1'), at(amended, 't2'), at(approved('ev-1'), 't3'), at(withdrawn('ev-1'), 't4')]));
    expect(rowsOf(submission!).map((r) => [r['status'], r['approvedFrom'], r['approvedUntil']])).toEqual([['withdrawn', ['t1', 't3'], ['t2', 't4']]]);
    // Submitted earlier: each change appends to the lists on the node, in the evidence's order.
    const statements = cypherForEvents(recordedEvents([at(approved('ev-1'), 't1'), at(amended, 't2'), at(approved('ev-1'), 't3'), at(withdrawn('ev-1'), 't4')]));
    expect(statements.map((st) => [st.cypher.split('\n')[2]!.replace(/^SET ev \+= row\.props, /, ''), rowsOf(st).map((r) => r['approvedAt'] ?? r['endedAt'])])).toMatchInlineSnapshot(`
[
  [
    "ev.approvedFrom = coalesce(ev.approvedFrom, []) + row.approvedAt",
    [
      "t1",
    ],
  ],
  [
    "ev.approvedUntil = CASE WHEN size(coalesce(ev.approvedUntil, [])) < size(coalesce(ev.approvedFrom, [])) THEN coalesce(ev.approvedUntil, []) + row.endedAt ELSE ev.approvedUntil END",
    [
      "t2",
    ],
  ],
  [
    "ev.approvedFrom = coalesce(ev.approvedFrom, []) + row.approvedAt",
    [
      "t3",
    ],
  ],
  [
    "ev.approvedUntil = CASE WHEN size(coalesce(ev.approvedUntil, [])) < size(coalesce(ev.approvedFrom, [])) THEN coalesce(ev.approvedUntil, []) + row.endedAt ELSE ev.approvedUntil END",
    [
      "t4",
    ],
  ],
]
`);
  });

  it('records each calibration as its own node, with who recorded it (the event\'s actor) and its position', () => {
    const calibration = (level: number, rationale: string): SkillsGraphEvent => ({
      type: 'LevelCalibrated',
      data: { engineerId: 'e1', competencyId: 'mastery', level, rationale, panel: ['e7', 'e8'], calibratedAt: '2026-10-01T10:00:00.000Z' },
    });
    const events = recordedEvents([calibration(4, 'Promotion panel Q3'), calibration(5, 'Appeal upheld')]).map((r, i) => ({ ...r, metadata: { ...r.metadata, actor: i === 0 ? 'e7' : 'e8' } }));
    expect(cypherForEvents(events)).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $rows AS row
MERGE (e:Engineer {id: row.engineerId})
CREATE (e)-[:CALIBRATED]->(c:Calibration)
SET c = row.props",
    "params": {
      "rows": [
        {
          "engineerId": "e1",
          "props": {
            "calibratedAt": "2026-10-01T10:00:00.000Z",
            "calibratedBy": "e7",
            "competencyId": "mastery",
            "engineerId": "e1",
            "level": 4,
            "panel": [
              "e7",
              "e8",
            ],
            "position": 1,
            "rationale": "Promotion panel Q3",
          },
        },
        {
          "engineerId": "e1",
          "props": {
            "calibratedAt": "2026-10-01T10:00:00.000Z",
            "calibratedBy": "e8",
            "competencyId": "mastery",
            "engineerId": "e1",
            "level": 5,
            "panel": [
              "e7",
              "e8",
            ],
            "position": 2,
            "rationale": "Appeal upheld",
          },
        },
      ],
    },
  },
]
`);
  });

  it('sends amended evidence back to review: new details, no endorsements, no earlier review; tags and claims re-linked', () => {
    const amended: SkillsGraphEvent = { type: 'EvidenceAmended', data: { evidenceId: 'ev-1', engineerId: 'e1', changes: { title: 'Corrected', date: '2026-02-01', skillIds: ['go'], behaviourIds: ['b2'] }, amendedBy: 'e1', amendedAt: 't' } };
    expect(cypherForEvents(recordedEvents([amended]))).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $rows AS row
MATCH (ev:Evidence {id: row.evidenceId})
SET ev += row.props, ev.approvedUntil = CASE WHEN size(coalesce(ev.approvedUntil, [])) < size(coalesce(ev.approvedFrom, [])) THEN coalesce(ev.approvedUntil, []) + row.endedAt ELSE ev.approvedUntil END
WITH ev, row
OPTIONAL MATCH (ev)-[tag:TAGGED]->()
DELETE tag
WITH DISTINCT ev, row
OPTIONAL MATCH (ev)-[claim:CLAIMS]->()
DELETE claim
WITH DISTINCT ev
FOREACH (skillId IN ev.skillIds | MERGE (s:Skill {id: skillId}) MERGE (ev)-[:TAGGED]->(s))
FOREACH (behaviourId IN ev.behaviourIds | MERGE (b:Behaviour {id: behaviourId}) MERGE (ev)-[:CLAIMS]->(b))",
    "params": {
      "rows": [
        {
          "endedAt": "t",
          "evidenceId": "ev-1",
          "props": {
            "behaviourIds": [
              "b2",
            ],
            "date": "2026-02-01",
            "endorserIds": [],
            "rejectionReason": null,
            "reviewerId": null,
            "skillIds": [
              "go",
            ],
            "status": "submitted",
            "title": "Corrected",
          },
        },
      ],
    },
  },
]
`);
  });

  it('writes evidence submitted in the batch once, in its last state of the batch', () => {
    const rejected: SkillsGraphEvent = { type: 'EvidenceRejected', data: { evidenceId: 'ev-2', engineerId: 'e1', reviewerId: 'boss', reason: 'not yours', rejectedAt: 't' } };
    const amended: SkillsGraphEvent = { type: 'EvidenceAmended', data: { evidenceId: 'ev-1', engineerId: 'e1', changes: { skillIds: ['go'] }, amendedBy: 'e1', amendedAt: 't' } };
    const endorsedByE2: SkillsGraphEvent = { type: 'EvidenceEndorsed', data: { evidenceId: 'ev-1', engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: 't' } };
    const statements = cypherForEvents(recordedEvents([submitted('ev-1'), amended, endorsedByE2, approved('ev-1'), submitted('ev-2'), rejected, approved('ev-0')]));
    expect(statements.map((st) => [st.cypher.split('\n').slice(0, 3).join(' / '), rowsOf(st)])).toMatchInlineSnapshot(`
[
  [
    "UNWIND $rows AS values / WITH values[0] AS evidenceId, values[1] AS engineerId, values[2] AS kind, values[3] AS title, values[4] AS url, values[5] AS date, values[6] AS projectId, values[7] AS skillIds, values[8] AS behaviourIds, values[9] AS status, values[10] AS endorserIds, values[11] AS reviewerId, values[12] AS rejectionReason, values[13] AS submittedAt, values[14] AS approvedFrom, values[15] AS approvedUntil / MERGE (ev:Evidence {id: evidenceId})",
    [
      {
        "approvedFrom": [
          "t",
        ],
        "approvedUntil": [],
        "behaviourIds": [
          "b1",
        ],
        "date": "2026-01-01",
        "endorserIds": [
          "e2",
        ],
        "engineerId": "e1",
        "evidenceId": "ev-1",
        "kind": "rfc",
        "projectId": null,
        "rejectionReason": null,
        "reviewerId": "boss",
        "skillIds": [
          "go",
        ],
        "status": "approved",
        "submittedAt": "t",
        "title": "ev-1",
        "url": null,
      },
      {
        "approvedFrom": [],
        "approvedUntil": [],
        "behaviourIds": [
          "b1",
        ],
        "date": "2026-01-01",
        "endorserIds": [],
        "engineerId": "e1",
        "evidenceId": "ev-2",
        "kind": "rfc",
        "projectId": null,
        "rejectionReason": "not yours",
        "reviewerId": "boss",
        "skillIds": [],
        "status": "rejected",
        "submittedAt": "t",
        "title": "ev-2",
        "url": null,
      },
    ],
  ],
  [
    "UNWIND $rows AS row / MATCH (ev:Evidence {id: row.evidenceId}) / SET ev += row.props, ev.approvedFrom = coalesce(ev.approvedFrom, []) + row.approvedAt",
    [
      {
        "approvedAt": "t",
        "evidenceId": "ev-0",
        "props": {
          "reviewerId": "boss",
          "status": "approved",
        },
      },
    ],
  ],
]
`);
  });

  it('links a level to the evidence that proves it, and records it in the history (the Cypher as sent)', () => {
    const statements = cypherForEvents(recordedEvents([level('e1', 4, 't1')]));
    expect(statements.map((st) => st.cypher)).toMatchInlineSnapshot(`
[
  "UNWIND $rows AS values
WITH values[0] AS latest, values[1] AS engineerId, values[2] AS frameworkId, values[3] AS frameworkVersion, values[4] AS competencyId, values[5] AS skillId, values[6] AS level, values[7] AS evidenceIds, values[8] AS computedAt, values[9] AS key, values[10] AS position
MERGE (e:Engineer {id: engineerId})
CREATE (e)-[:LEVEL_HISTORY]->(:LevelRecord {engineerId: engineerId, frameworkId: frameworkId, frameworkVersion: frameworkVersion, competencyId: competencyId, skillId: skillId, level: level, evidenceIds: evidenceIds, computedAt: computedAt, key: key, position: position})
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
SET d.engineerId = engineerId, d.frameworkId = frameworkId, d.frameworkVersion = frameworkVersion, d.competencyId = competencyId, d.skillId = skillId, d.level = level, d.evidenceIds = evidenceIds, d.computedAt = computedAt",
]
`);
    // On the wire each row is a list of values in the order the first clause names them.
    expect(statements[0]!.params.rows).toEqual([[true, 'e1', 'fw', 1, 'mastery', 'go', 4, ['ev-1'], 't1', 'e1|fw|mastery|go', 1]]);
  });

  it('lets the last of several moves of one engineer in a run win', () => {
    const moved = (teamId: string): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId: 'e1', teamId, teamName: teamId, managerId: null, title: 'Engineer', movedOn: 't' } });
    const [statement, ...rest] = cypherForEvents(recordedEvents([moved('payments'), moved('lending')]));
    expect(rest).toEqual([]);
    expect(rowsOf(statement!).map((r) => r['teamId'])).toEqual(['lending']);
  });

  it("erases an engineer: their personal fields, their evidence's text and their calibrations' rationale become placeholders, in order with their other events", () => {
    const statements = cypherForEvents(
      recordedEvents([
        { type: 'EngineerMoved', data: { engineerId: 'e1', teamId: 't2', teamName: 'Two', managerId: null, title: 'Engineer', movedOn: '2026-01-01' } },
        { type: 'EngineerErased', data: { engineerId: 'e1', erasedAt: '2026-11-02T00:00:00.000Z' } },
      ]),
    );
    expect(statements).toHaveLength(2);
    expect(statements[0]!.cypher).toMatch(/^UNWIND \$rows AS row\nMERGE \(e:Engineer/);
    expect(statements.slice(1)).toMatchInlineSnapshot(`
[
  {
    "cypher": "UNWIND $rows AS row
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
}",
    "params": {
      "rows": [
        {
          "engineerId": "e1",
          "name": "Erased engineer",
          "rationale": "[erased]",
          "text": "[erased]",
        },
      ],
    },
  },
]
`);
  });
});
