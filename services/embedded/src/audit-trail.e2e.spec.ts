import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedTestInstance, type GraphqlResponse } from './testing/embedded-test-instance.js';

// The audit trail over HTTP on the embedded product: an evidence item's whole life, and its engineer's
// and framework's history, show every actor, role and reason in order; only admins may ask.

const instance = new EmbeddedTestInstance({ DEMO_ENGINEERS: '40' });
const gql = instance.gql.bind(instance);
const as = (id: string, roles = '', correlationId?: string) => ({
  'x-actor-id': id,
  ...(roles && { 'x-actor-roles': roles }),
  ...(correlationId && { 'x-correlation-id': correlationId }),
});

interface Person {
  id: string;
  manager: { id: string } | null;
}
interface Entry {
  position: string;
  eventId: string;
  stream: string;
  eventType: string;
  action: string;
  summary: string | null;
  reason: string | null;
  actor: { id: string; roles: string[] | null; engineer: { id: string } | null };
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
}

const trailQuery = /* GraphQL */ `
  query($engineerId: ID, $evidenceId: ID, $frameworkId: ID, $first: Int, $after: String) {
    auditTrail(engineerId: $engineerId, evidenceId: $evidenceId, frameworkId: $frameworkId, first: $first, after: $after) {
      subjectKind
      subjectId
      nodes { position eventId stream eventType action summary reason actor { id roles engineer { id } } occurredAt recordedAt correlationId causationId }
      edges { cursor node { eventId } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

let owner: Person;
let manager: string;
let peer: string;
let admin: string;
let frameworkOwner: string;

/** The whole trail of a subject, page by page (small pages, to exercise the cursor). */
async function wholeTrail(subject: Record<string, string>, pageSize = 2): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | null = null;
  for (;;) {
    const page: GraphqlResponse = await gql(trailQuery, { ...subject, first: pageSize, after }, as(admin, 'admin'));
    expect(page.errors).toBeUndefined();
    const trail: { nodes: Entry[]; edges: { node: { eventId: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = page.data!.auditTrail;
    expect(trail.edges.map((e) => e.node.eventId)).toEqual(trail.nodes.map((n) => n.eventId));
    entries.push(...trail.nodes);
    if (!trail.pageInfo.hasNextPage) return entries;
    expect(trail.nodes).toHaveLength(pageSize);
    after = trail.pageInfo.endCursor;
  }
}

const mutate = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
  const result = await gql(query, variables, headers);
  expect(result.errors).toBeUndefined();
  return result.data!;
};

let evidenceId: string;
let rejectedId: string;
const correlations = { approve: 'corr-audit-approve-1', reject: 'corr-audit-reject-1' };

beforeAll(async () => {
  await instance.start();
  const listed = await gql(`{ engineers(first: 40) { nodes { id manager { id } } } }`, {}, as("audit-setup", "admin"));
  if (listed.errors) throw new Error(JSON.stringify(listed.errors));
  const data = listed.data;
  const people = data!.engineers.nodes as Person[];
  owner = people.find((p) => p.manager !== null)!;
  manager = owner.manager!.id;
  const others = people.filter((p) => p.id !== owner.id && p.id !== manager);
  [peer, admin, frameworkOwner] = [others[0]!.id, others[1]!.id, others[2]!.id];

  const framework = {
    name: 'Audit framework',
    levels: [{ level: 1 }, { level: 2 }],
    competencies: [{ id: 'mastery', name: 'Mastery' }],
    behaviours: [
      { id: 'audit-m1', level: 1, competency: 'mastery', text: 'Keeps the audit service build green' },
      { id: 'audit-m2', level: 2, competency: 'mastery', text: 'Designs the audit service end to end' },
    ],
    policy: { coverageShare: 1, minimumEvidence: 1, recencyWindowDays: null },
  };
  await mutate(
    `mutation($input: ImportFrameworkInput!) { importFramework(input: $input) { version } }`,
    { input: { frameworkId: 'audit', format: 'JSON', content: JSON.stringify(framework), publish: true } },
    as(frameworkOwner, 'framework-owner'),
  );

  const submit = `mutation($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { evidence { id } } }`;
  const input = (title: string) => ({ engineerId: owner.id, frameworkId: 'audit', kind: 'DESIGN', title, date: '2026-10-20', skills: ['golang'], behaviourIds: ['audit-m1'] });
  evidenceId = (await mutate(submit, { input: input('Audit service design') }, as(owner.id))).submitEvidence.evidence.id;
  await mutate(`mutation($id: ID!) { endorseEvidence(id: $id, comment: "I reviewed the design with them") { changed } }`, { id: evidenceId }, as(peer));
  await mutate(`mutation($id: ID!) { amendEvidence(id: $id, input: { title: "Audit service design, v2" }) { changed } }`, { id: evidenceId }, as(owner.id));
  await mutate(`mutation($id: ID!) { approveEvidence(id: $id) { changed } }`, { id: evidenceId }, as(manager, '', correlations.approve));
  await mutate(`mutation($id: ID!) { amendEvidence(id: $id, input: { date: "2026-10-21" }) { changed } }`, { id: evidenceId }, as(owner.id));
  await mutate(`mutation($id: ID!) { approveEvidence(id: $id) { changed } }`, { id: evidenceId }, as(manager));
  await mutate(`mutation($id: ID!) { withdrawEvidence(id: $id) { changed } }`, { id: evidenceId }, as(owner.id));

  rejectedId = (await mutate(submit, { input: input('Audit log retention RFC') }, as(owner.id))).submitEvidence.evidence.id;
  await mutate(`mutation($id: ID!) { rejectEvidence(id: $id, reason: "The link points at another team's RFC") { changed } }`, { id: rejectedId }, as(manager, '', correlations.reject));
  await instance.running.settled();
}, 120_000);

afterAll(async () => instance.dispose());

describe('auditTrail of an evidence item', () => {
  it("shows the item's whole life: every action, actor and reason, in order", async () => {
    const trail = await wholeTrail({ evidenceId });
    expect(trail.map((e) => [e.action, e.actor.id, e.reason])).toEqual([
      ['Evidence submitted', owner.id, null],
      ['Evidence endorsed', peer, 'I reviewed the design with them'],
      ['Evidence amended', owner.id, null],
      ['Evidence approved', manager, null],
      ['Evidence amended', owner.id, null],
      ['Evidence approved', manager, null],
      ['Evidence withdrawn', owner.id, null],
    ]);
    expect(trail.map((e) => e.summary)).toEqual([
      `Evidence ${evidenceId} (design) of engineer ${owner.id}`,
      null,
      'Changed: title',
      null,
      'Changed: date',
      null,
      'It had been approved',
    ]);
    expect(trail.every((e) => e.stream === `evidence-${evidenceId}`)).toBe(true);
    expect(trail.map((e) => BigInt(e.position))).toEqual(trail.map((e) => BigInt(e.position)).sort((a, b) => (a < b ? -1 : 1)));
    expect(trail.map((e) => e.actor.engineer?.id)).toEqual(trail.map((e) => e.actor.id));
    // Roles as recorded from the caller (none here: these are plain engineers acting on their relation).
    expect(trail.every((e) => Array.isArray(e.actor.roles) && e.actor.roles.length === 0)).toBe(true);
    expect(trail[3]!.correlationId).toBe(correlations.approve);
    for (const e of trail) {
      expect(Number.isNaN(Date.parse(e.occurredAt))).toBe(false);
      expect(Number.isNaN(Date.parse(e.recordedAt))).toBe(false);
    }
  });

  it('shows a rejection with its reason and correlation id', async () => {
    const trail = await wholeTrail({ evidenceId: rejectedId });
    expect(trail.map((e) => [e.eventType, e.actor.id, e.reason, e.correlationId === correlations.reject])).toEqual([
      ['EvidenceSubmitted', owner.id, null, false],
      ['EvidenceRejected', manager, "The link points at another team's RFC", true],
    ]);
  });

  it('pages with a cursor: one page of everything equals the pages of two', async () => {
    const whole = await gql(trailQuery, { evidenceId, first: 100 }, as(admin, 'admin'));
    expect(whole.data!.auditTrail.pageInfo.hasNextPage).toBe(false);
    expect((whole.data!.auditTrail.nodes as Entry[]).map((e) => e.eventId)).toEqual((await wholeTrail({ evidenceId })).map((e) => e.eventId));
    expect(whole.data!.auditTrail).toMatchObject({ subjectKind: 'EVIDENCE', subjectId: evidenceId });
  });
});

describe("auditTrail of an engineer and of a framework", () => {
  it("merges the engineer's evidence and level changes, with the level's cause and the platform as actor", async () => {
    const trail = await wholeTrail({ engineerId: owner.id }, 20);
    const ofEvidence = trail.filter((e) => e.stream === `evidence-${evidenceId}`);
    expect(ofEvidence).toHaveLength(7);
    expect(trail.filter((e) => e.stream === `evidence-${rejectedId}`)).toHaveLength(2);
    expect(trail.map((e) => BigInt(e.position))).toEqual(trail.map((e) => BigInt(e.position)).sort((a, b) => (a < b ? -1 : 1)));

    const approved = ofEvidence.find((e) => e.eventType === 'EvidenceApproved')!;
    const level = trail.find((e) => e.eventType === 'DemonstratedLevelRecorded' && e.causationId === approved.eventId)!;
    expect(level).toMatchObject({
      stream: `assessment-${owner.id}`,
      action: 'Demonstrated level recorded',
      reason: 'Evidence changed (approved, withdrawn, amended or rejected)',
      correlationId: correlations.approve,
      actor: { id: 'system:assessment', roles: null, engineer: null },
    });
    expect(level.summary).toMatch(/^Competency mastery( \/ skill go)?: level 0 → 1$/);
  }, 30_000);

  it("shows who imported and published a framework, with the role they held", async () => {
    const trail = await wholeTrail({ frameworkId: 'audit' });
    expect(trail.map((e) => [e.action, e.actor.id, e.actor.roles, e.summary])).toEqual([
      ['Framework version imported', frameworkOwner, ['framework-owner'], 'Framework audit version 1'],
      ['Framework version published', frameworkOwner, ['framework-owner'], 'Framework audit version 1'],
    ]);
  });

  it('answers an empty trail for a subject the log does not know', async () => {
    const result = await gql(trailQuery, { evidenceId: 'no-such-evidence' }, as(admin, 'admin'));
    expect(result.data!.auditTrail).toMatchObject({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });
});

describe('who may read the audit trail', () => {
  it.each([
    ['anonymous', {}, 'UNAUTHENTICATED'],
    ['the engineer themselves', () => as(owner.id), 'FORBIDDEN'],
    ['their manager', () => as(manager), 'FORBIDDEN'],
    ['a framework owner', () => as(frameworkOwner, 'framework-owner'), 'FORBIDDEN'],
    ['hris', () => as(peer, 'hris'), 'FORBIDDEN'],
    ['a panel member', () => as(peer, 'panel'), 'FORBIDDEN'],
  ])('refuses %s with %s and no data', async (_who, headers, code) => {
    const result = await gql(trailQuery, { evidenceId }, typeof headers === 'function' ? headers() : headers);
    expect(result.data?.auditTrail ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code });
  });

  it.each([
    [{}, 'engineerId'],
    [{ evidenceId: 'x', frameworkId: 'audit' }, 'frameworkId'],
    [{ evidenceId: '   ' }, 'evidenceId'],
    [{ evidenceId: 'x', first: 0 }, 'first'],
    [{ evidenceId: 'x', first: 101 }, 'first'],
    [{ evidenceId: 'x', after: 'not-a-cursor' }, 'after'],
  ])('refuses bad arguments %j as BAD_USER_INPUT on %s', async (variables, field) => {
    const result = await gql(trailQuery, variables, as(admin, 'admin'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
