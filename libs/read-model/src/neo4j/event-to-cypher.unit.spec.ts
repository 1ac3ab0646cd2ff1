import { describe, expect, it } from '@jest/globals';
import type { SkillsGraphEvent } from '@skills-graph/domain';
import { recordedEvents } from '../testing/recorded-events.js';
import { cypherForEvents } from './event-to-cypher.js';

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
SET ev += row.props",
    "params": {
      "rows": [
        {
          "evidenceId": "ev-1",
          "props": {
            "reviewerId": "boss",
            "status": "approved",
          },
        },
        {
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
    expect(statements.map((s) => s.params.rows.map((r) => `${(r['props'] as { key: string }).key} level ${(r['props'] as { level: number }).level}${r['latest'] ? ' (latest)' : ''}`))).toEqual([
      ['e1|fw|mastery|go level 4', 'e2|fw|mastery|go level 3 (latest)', 'e1|fw|mastery|go level 0 (latest)'],
    ]);
  });

  it('stores the overall level (no skill) under skill id "" so the lookup index can hold it', () => {
    const [setLevel] = cypherForEvents(recordedEvents([{ ...level('e1', 2, 't'), data: { ...(level('e1', 2, 't').data as object), skillId: null } } as SkillsGraphEvent]));
    expect(setLevel!.params.rows[0]).toMatchInlineSnapshot(`
{
  "latest": true,
  "props": {
    "competencyId": "mastery",
    "computedAt": "t",
    "engineerId": "e1",
    "evidenceIds": [
      "ev-1",
    ],
    "frameworkId": "fw",
    "frameworkVersion": 1,
    "key": "e1|fw|mastery|",
    "level": 2,
    "position": 1,
    "skillId": "",
  },
}
`);
  });

  it('batches interleaved types across different evidence, keeping each evidence\'s own order', () => {
    // Evidence submitted in an earlier batch: each change is its own row.
    const endorsed = (evidenceId: string): SkillsGraphEvent => ({ type: 'EvidenceEndorsed', data: { evidenceId, engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: 't' } });
    const statements = cypherForEvents(recordedEvents([endorsed('ev-1'), approved('ev-1'), endorsed('ev-2'), withdrawn('ev-1'), approved('ev-2')]));
    expect(statements.map((st) => [st.cypher.split('\n')[2], st.params.rows.map((r) => `${r['evidenceId'] as string}:${((r['props'] as { status?: string }) ?? {}).status ?? ''}`)])).toEqual([
      ['SET ev.endorserIds = ev.endorserIds + row.endorserId', ['ev-1:', 'ev-2:']],
      ['SET ev += row.props', ['ev-1:approved', 'ev-2:approved']],
      ['SET ev += row.props', ['ev-1:withdrawn']],
    ]);
  });

  it('writes evidence submitted in the batch once, in its last state of the batch', () => {
    const rejected: SkillsGraphEvent = { type: 'EvidenceRejected', data: { evidenceId: 'ev-2', engineerId: 'e1', reviewerId: 'boss', reason: 'not yours', rejectedAt: 't' } };
    const amended: SkillsGraphEvent = { type: 'EvidenceAmended', data: { evidenceId: 'ev-1', engineerId: 'e1', changes: { skillIds: ['go'] }, amendedBy: 'e1', amendedAt: 't' } };
    const endorsedByE2: SkillsGraphEvent = { type: 'EvidenceEndorsed', data: { evidenceId: 'ev-1', engineerId: 'e1', endorserId: 'e2', comment: null, endorsedAt: 't' } };
    const statements = cypherForEvents(recordedEvents([submitted('ev-1'), amended, endorsedByE2, approved('ev-1'), submitted('ev-2'), rejected, approved('ev-0')]));
    expect(statements.map((st) => [st.cypher.split('\n')[1], st.params.rows.map((r) => [r['evidenceId'], r['props']])])).toMatchInlineSnapshot(`
[
  [
    "MERGE (ev:Evidence {id: row.evidenceId})",
    [
      [
        "ev-1",
        {
          "behaviourIds": [
            "b1",
          ],
          "date": "2026-01-01",
          "endorserIds": [
            "e2",
          ],
          "engineerId": "e1",
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
      ],
      [
        "ev-2",
        {
          "behaviourIds": [
            "b1",
          ],
          "date": "2026-01-01",
          "endorserIds": [],
          "engineerId": "e1",
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
  ],
  [
    "MATCH (ev:Evidence {id: row.evidenceId})",
    [
      [
        "ev-0",
        {
          "reviewerId": "boss",
          "status": "approved",
        },
      ],
    ],
  ],
]
`);
  });

  it('links a level to the evidence that proves it, and records it in the history (the Cypher as sent)', () => {
    const statements = cypherForEvents(recordedEvents([level('e1', 4, 't1')]));
    expect(statements.map((st) => st.cypher)).toMatchInlineSnapshot(`
[
  "UNWIND $rows AS row
MERGE (e:Engineer {id: row.props.engineerId})
CREATE (e)-[:LEVEL_HISTORY]->(:LevelRecord {engineerId: row.props.engineerId, frameworkId: row.props.frameworkId, frameworkVersion: row.props.frameworkVersion, competencyId: row.props.competencyId, skillId: row.props.skillId, level: row.props.level, evidenceIds: row.props.evidenceIds, computedAt: row.props.computedAt, key: row.props.key, position: row.props.position})
WITH e, row WHERE row.latest
CALL (row) {
  WITH row WHERE row.props.level = 0
  MATCH (gone:DemonstratedLevel {key: row.props.key})
  DETACH DELETE gone
}
WITH e, row WHERE row.props.level > 0
MERGE (d:DemonstratedLevel {key: row.props.key})
WITH e, d, row, d.evidenceIds IS NULL AS created, coalesce(d.evidenceIds, []) AS before
CALL (d, row, before) {
  UNWIND [x IN before WHERE NOT x IN row.props.evidenceIds] AS goneId
  MATCH (d)-[proof:PROVEN_BY]->(:Evidence {id: goneId})
  DELETE proof
}
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (e)-[:DEMONSTRATES]->(d))
FOREACH (evidenceId IN [x IN row.props.evidenceIds WHERE NOT x IN before] |
  MERGE (ev:Evidence {id: evidenceId})
  CREATE (d)-[:PROVEN_BY]->(ev))
SET d.engineerId = row.props.engineerId, d.frameworkId = row.props.frameworkId, d.frameworkVersion = row.props.frameworkVersion, d.competencyId = row.props.competencyId, d.skillId = row.props.skillId, d.level = row.props.level, d.evidenceIds = row.props.evidenceIds, d.computedAt = row.props.computedAt",
]
`);
  });

  it('lets the last of several moves of one engineer in a run win', () => {
    const moved = (teamId: string): SkillsGraphEvent => ({ type: 'EngineerMoved', data: { engineerId: 'e1', teamId, teamName: teamId, managerId: null, title: 'Engineer', movedOn: 't' } });
    const [statement, ...rest] = cypherForEvents(recordedEvents([moved('payments'), moved('lending')]));
    expect(rest).toEqual([]);
    expect(statement!.params.rows.map((r) => r['teamId'])).toEqual(['lending']);
  });
});
