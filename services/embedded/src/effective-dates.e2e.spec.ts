import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@skills-graph/contracts';
import { EmbeddedTestInstance } from './testing/embedded-test-instance.js';

// Effective dates through GraphQL (docs/people.md): a joiner, a mover and a leaver recorded today for days
// ahead apply on those days, as the product's clock (a ManualClock here) reaches them; a leaver is found by
// their last team with includeLeavers. The days are counted from the real today, because the event store
// stamps each event with the real time it was recorded.
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const start = dayFromNow(10);
const move = dayFromNow(20);
const leave = dayFromNow(30);

const clock = new ManualClock(new Date());
const instance = new EmbeddedTestInstance({ SEED_DEMO: 'false' }, { clock });
const hris = { 'x-actor-id': 'hr-bot', 'x-actor-roles': 'hris' };
const admin = { 'x-actor-id': 'admin', 'x-actor-roles': 'admin' };

const engineerFields = 'engineer { id status team { id } } changed position';
const recordJoiner = `mutation($input: RecordJoinerInput!) { recordJoiner(input: $input) { ${engineerFields} } }`;
const recordMover = `mutation($input: RecordMoverInput!) { recordMover(input: $input) { ${engineerFields} } }`;
const recordLeaver = `mutation($input: RecordLeaverInput!) { recordLeaver(input: $input) { ${engineerFields} } }`;
const joiner = (id: string, joinedOn: string) => ({ engineerId: id, name: `Person ${id}`, email: `${id}@example.test`, title: 'Engineer', teamId: 'team-core', teamName: 'Core', managerId: null, joinedOn });

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers = hris): Promise<T> {
  const response = await instance.gql<T>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** Ids in a team, as GraphQL answers them now. */
async function team(teamId: string, includeLeavers = false): Promise<string[]> {
  const data = await ok<{ engineers: { nodes: { id: string }[] } }>(
    'query($team: ID!, $includeLeavers: Boolean) { engineers(filter: { team: $team, includeLeavers: $includeLeavers }, first: 50) { nodes { id } } }',
    { team: teamId, includeLeavers },
    admin,
  );
  return data.engineers.nodes.map((n) => n.id).sort();
}

const engineer = async (id: string) => (await ok<{ engineer: { status: string; leftOn: string | null; team: { id: string } } | null }>(`{ engineer(id: "${id}") { status leftOn team { id } } }`, {}, admin)).engineer;

beforeAll(async () => {
  await instance.start();
  await ok(recordJoiner, { input: joiner('ef-abel', '2026-01-05') });
  await ok(recordJoiner, { input: joiner('ef-bea', '2026-01-05') });
}, 180_000);

afterAll(async () => instance.dispose());

describe('effective dates through GraphQL', () => {
  it('records a joiner, a mover and a leaver for days ahead: accepted now, none applied yet', async () => {
    const joined = await ok<{ recordJoiner: { engineer: unknown; changed: boolean } }>(recordJoiner, { input: joiner('ef-cal', start) });
    // Recorded, and answered as the graph shows them: not there until their first day.
    expect(joined.recordJoiner).toMatchObject({ engineer: null, changed: true });
    const moved = await ok<{ recordMover: { engineer: { team: { id: string } }; changed: boolean } }>(recordMover, {
      input: { engineerId: 'ef-abel', teamId: 'team-edge', teamName: 'Edge', managerId: null, title: null, movedOn: move },
    });
    expect(moved.recordMover).toMatchObject({ engineer: { team: { id: 'team-core' } }, changed: true });
    const left = await ok<{ recordLeaver: { engineer: { status: string }; changed: boolean } }>(recordLeaver, { input: { engineerId: 'ef-bea', leftOn: leave } });
    expect(left.recordLeaver).toMatchObject({ engineer: { status: 'ACTIVE' }, changed: true });
    expect(await team('team-core', true)).toEqual(['ef-abel', 'ef-bea']);
    expect(await engineer('ef-cal')).toBeNull();
  });

  it('refuses a change dated before one already recorded, naming the field', async () => {
    const response = await instance.gql(recordMover, { input: { engineerId: 'ef-abel', teamId: 'team-x', teamName: 'X', managerId: null, title: null, movedOn: dayFromNow(15) } }, hris);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'movedOn' });
  });

  it('applies each on its day as the clock reaches it, and finds the leaver by their last team with includeLeavers', async () => {
    clock.set(`${start}T00:00:00.000Z`);
    expect(await team('team-core')).toEqual(['ef-abel', 'ef-bea', 'ef-cal']);

    clock.set(`${move}T07:30:00.000Z`);
    expect(await team('team-core')).toEqual(['ef-bea', 'ef-cal']);
    expect(await team('team-edge')).toEqual(['ef-abel']);

    clock.set(`${leave}T00:00:00.000Z`);
    expect(await engineer('ef-bea')).toMatchObject({ status: 'LEFT', leftOn: leave, team: { id: 'team-core' } });
    expect(await team('team-core')).toEqual(['ef-cal']);
    expect(await team('team-core', true)).toEqual(['ef-bea', 'ef-cal']);
  });
});
