import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join, resolve } from 'node:path';
import { openEventStore, openPgliteClient } from '@skills-graph/event-store';
import { MESSAGE_BUS, integrationTopics, type InProcessMessageBus } from '@skills-graph/messaging';
import { rebuildGraph } from '@skills-graph/projector';
import { Neo4jSkillsGraph } from '@skills-graph/read-model';
import { dumpNeo4jGraph, neo4jForTests, type Neo4jForTests } from '@skills-graph/read-model/testing';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// Erasure by crypto-shredding, end to end on the demo organisation: an HR system erases an engineer;
// from then on no personal field of theirs is readable through GraphQL (live, and after a restart that
// rebuilds the in-memory graph), in the stored rows, in a Neo4j graph rebuilt from the log, or in new
// integration events, while levels, evidence ids and "who is" counts stay as they were.

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const hris = { 'x-actor-id': 'hr-bot', 'x-actor-roles': 'hris' };
const admin = { 'x-actor-id': 'admin-bot', 'x-actor-roles': 'admin' };
let neo4j: Neo4jForTests;

const counts = `{
  l5: engineers(filter: { competency: "Mastery", skill: "Go", level: 5 }, first: 200) { totalCount nodes { id } }
  goAny: engineers(filter: { competency: "Mastery", skill: "Go", levelAtLeast: 1 }, first: 200) { totalCount nodes { id } }
  impact: engineers(filter: { competency: "Impact", levelAtLeast: 1 }, first: 200) { totalCount }
  everyone: engineers(first: 200) { totalCount }
}`;
const profile = `query($id: ID!) { engineer(id: $id) {
  id name email erased title status team { id } manager { id }
  levels { level competency { id } skill { id } evidence { id } }
  evidence { id title url status rejectionReason kind date skills { id } }
} }`;
const erase = `mutation($id: ID!) { eraseEngineer(id: $id) { changed position engineer { id name email erased } } }`;

interface Profile {
  id: string;
  name: string;
  email: string | null;
  erased: boolean;
  manager: { id: string } | null;
  levels: { level: number; competency: { id: string }; skill: { id: string } | null; evidence: { id: string }[] }[];
  evidence: { id: string; title: string; url: string | null; status: string; rejectionReason: string | null }[];
}

const readProfile = async (id: string): Promise<Profile> => {
  const response = await instance.gql<{ engineer: Profile }>(profile, { id }, admin);
  expect(response.errors).toBeUndefined();
  return response.data!.engineer;
};
const readCounts = async () => {
  const response = await instance.gql(counts, {}, admin);
  expect(response.errors).toBeUndefined();
  return response.data!;
};
/** What stays true of a profile through an erasure: everything but the personal fields. */
const nonPersonal = (p: Profile) => ({ levels: p.levels, evidence: p.evidence.map(({ id, status }) => ({ id, status })), manager: p.manager });

let target: Profile;
let personal: string[];
let countsBefore: Record<string, unknown>;

beforeAll(async () => {
  [neo4j] = await Promise.all([neo4jForTests(), instance.start()]);
  // Someone with Go levels, a manager and evidence with text: who is erased below.
  countsBefore = await readCounts();
  const candidates = (countsBefore['goAny'] as { nodes: { id: string }[] }).nodes.map((n) => n.id);
  for (const id of candidates) {
    const p = await readProfile(id);
    if (p.manager && p.evidence.length >= 3 && p.evidence.some((e) => e.url !== null)) {
      target = p;
      break;
    }
  }
  personal = [target.name, target.email!, ...target.evidence.map((e) => e.title), ...target.evidence.flatMap((e) => (e.url ? [e.url] : []))];
}, 300_000);

afterAll(async () => {
  await instance.dispose();
  await neo4j?.stop();
}, 60_000);

describe('eraseEngineer', () => {
  it('is for hris and admin only, checks its input and the engineer, and changes nothing when refused', async () => {
    const asEngineer = await instance.gql(erase, { id: target.id }, { 'x-actor-id': target.manager!.id });
    expect(asEngineer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const empty = await instance.gql(erase, { id: ' ' }, hris);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const unknown = await instance.gql(erase, { id: 'eng-nobody' }, hris);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'engineerId' });
    expect(await readProfile(target.id)).toEqual(target);
  });

  it('erases at once: GraphQL shows placeholders, levels and counts stay; erasing again changes nothing', async () => {
    const erased = await instance.gql(erase, { id: target.id }, hris);
    expect(erased.errors).toBeUndefined();
    expect(erased.data!['eraseEngineer']).toMatchObject({ changed: true, engineer: { id: target.id, name: 'Erased engineer', email: null, erased: true } });
    const again = await instance.gql(erase, { id: target.id }, { 'x-actor-id': 'admin-bot', 'x-actor-roles': 'admin' });
    expect(again.data!['eraseEngineer']).toMatchObject({ changed: false, engineer: { erased: true } });

    const after = await readProfile(target.id);
    expect(after).toMatchObject({ name: 'Erased engineer', email: null, erased: true });
    for (const ev of after.evidence) {
      expect(ev).toMatchObject({ title: '[erased]', url: null });
      expect(ev.rejectionReason === null || ev.rejectionReason === '[erased]').toBe(true);
    }
    expect(nonPersonal(after)).toEqual(nonPersonal(target));
    expect(await readCounts()).toEqual(countsBefore);
    const everyone = JSON.stringify((await instance.gql(`{ engineers(first: 200) { nodes { id name email } } }`, {}, admin)).data);
    expect(everyone).not.toContain(target.email!);
  });

  it('keeps nothing personal sent about the engineer afterwards, and new integration events carry nothing personal', async () => {
    const bus = instance.running.app.get<InProcessMessageBus>(MESSAGE_BUS);
    const mark = new Map(integrationTopics.map((t) => [t, bus.messages(t).length]));
    const manager = { 'x-actor-id': target.manager!.id };
    const submitted = await instance.gql(
      `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id title url } } }`,
      { input: { engineerId: target.id, kind: 'DESIGN', title: 'Confidential: the Zanzibar migration plan', url: 'https://wiki.example.test/zanzibar', date: '2026-10-01', skills: ['golang'], behaviourIds: ['mastery-6-shapes-company-architecture'] } },
      manager,
    );
    if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
    const evidence = submitted.data!['submitEvidence'].evidence as { id: string; title: string; url: string | null };
    expect(evidence).toMatchObject({ title: '[erased]', url: null });
    const approved = await instance.gql(`mutation($id: ID!) { approveEvidence(id: $id) { evidence { status title } } }`, { id: evidence.id }, manager);
    expect(approved.errors).toBeUndefined();
    await instance.running.settled();
    personal.push('Confidential: the Zanzibar migration plan', 'https://wiki.example.test/zanzibar');

    const fresh = integrationTopics.flatMap((t) => bus.messages(t).slice(mark.get(t)!).map((m) => m.value ?? ''));
    expect(fresh.some((m) => m.includes(evidence.id))).toBe(true); // the approval was published
    for (const message of fresh) for (const value of personal) expect(message).not.toContain(value);
  });

  it('after a restart (the in-memory graph rebuilt from the log) and in a Neo4j graph rebuilt from the log, the engineer stays erased and the counts hold', async () => {
    const countsNow = await readCounts();
    const profileNow = await readProfile(target.id);
    await instance.running.close();

    // The stored rows of the engineer's streams hold none of their personal data.
    const client = await openPgliteClient(join(resolve(instance.config.DATA_DIR), 'events'));
    try {
      const evidenceIds = profileNow.evidence.map((e) => e.id);
      const { rows } = await client.query<{ stream_name: string; data: string }>(
        `SELECT stream_name, data::text AS data FROM sg_events WHERE stream_name = ANY($1::text[]) OR data->>'engineerId' = $2`,
        [[`engineer-${target.id}`, `assessment-${target.id}`, ...evidenceIds.map((id) => `evidence-${id}`)], target.id],
      );
      expect(rows.length).toBeGreaterThan(evidenceIds.length);
      for (const row of rows) for (const value of personal) expect(row.data).not.toContain(value);
      const all = (await client.query<{ data: string }>(`SELECT data::text AS data FROM sg_events`)).rows.map((r) => r.data).join('\n');
      expect(all).not.toContain(target.email!);
      const key = await client.query<{ key: unknown; erased_at: unknown }>(`SELECT key, erased_at FROM sg_personal_data_keys WHERE subject_id = $1`, [target.id]);
      expect(key.rows).toEqual([{ key: null, erased_at: expect.anything() }]);
    } finally {
      await client.close();
    }

    // A Neo4j graph rebuilt from the same log.
    const opened = await openEventStore(instance.config);
    const graph = await Neo4jSkillsGraph.connect(neo4j.connection);
    try {
      await graph.clear();
      await rebuildGraph(opened.store, graph);
      expect((await graph.engineersByIds([target.id]))[0]).toMatchObject({ name: 'Erased engineer', email: null, erased: true });
      const evidenceInNeo4j = (await graph.evidenceOfEngineers([target.id]))[0]!;
      expect(evidenceInNeo4j.map((e) => e.id).sort()).toEqual(profileNow.evidence.map((e) => e.id).sort());
      for (const ev of evidenceInNeo4j) expect(ev).toMatchObject({ title: '[erased]', url: null });
      expect((await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', level: 5 }, { first: 200 })).totalCount).toBe((countsNow['l5'] as { totalCount: number }).totalCount);
      expect((await graph.findEngineers({ competencyId: 'mastery', skillId: 'go', levelAtLeast: 1 }, { first: 200 })).totalCount).toBe((countsNow['goAny'] as { totalCount: number }).totalCount);
      const dump = await dumpNeo4jGraph(neo4j.connection);
      const ofTarget = [...dump.nodes, ...dump.relationships].filter((line) => line.includes(`"${target.id}"`));
      expect(ofTarget.length).toBeGreaterThan(profileNow.evidence.length);
      for (const line of ofTarget) for (const value of personal) expect(line).not.toContain(value);
      expect(dump.nodes.join('\n')).not.toContain(target.email!);
    } finally {
      await graph.close();
      await opened.close();
    }

    // The embedded product again: its in-memory graph is rebuilt from the log at start.
    await instance.start();
    expect(await readProfile(target.id)).toEqual(profileNow);
    expect(profileNow).toMatchObject({ name: 'Erased engineer', email: null, erased: true });
    expect(await readCounts()).toEqual(countsNow);
  }, 300_000);
});
