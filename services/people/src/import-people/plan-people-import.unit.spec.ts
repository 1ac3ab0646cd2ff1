import { describe, expect, it } from '@jest/globals';
import type { PeopleImportRow } from '@skills-graph/contracts';
import type { EngineerState } from '@skills-graph/domain';
import { planPeopleImport, type RecordedEngineer } from './plan-people-import.js';

const today = '2026-11-20';
let next = 0;
const row = (employeeId: string, overrides: Partial<PeopleImportRow> = {}): PeopleImportRow => {
  next += 1;
  return {
    line: next + 1,
    row: next,
    employeeId,
    name: `Name ${employeeId}`,
    email: `${employeeId}@example.test`,
    title: 'Engineer',
    teamId: 'team-a',
    teamName: 'Team A',
    managerId: null,
    startDate: '2024-01-01',
    leftOn: null,
    movedOn: null,
    ...overrides,
  };
};
const active = (r: PeopleImportRow, overrides: Partial<Exclude<EngineerState, { status: 'unknown' }>> = {}): [string, RecordedEngineer] => [
  r.employeeId,
  { state: { status: 'active', engineerId: r.employeeId, teamId: r.teamId, managerId: r.managerId, title: r.title, name: r.name, email: r.email, ...overrides } },
];
const changes = (plan: ReturnType<typeof planPeopleImport>) => plan.results.map((r) => `${r.employeeId}:${r.change}`);

describe('planning an HR export against what is recorded', () => {
  it('unknown people join, with each manager before their reports', () => {
    const report = row('e2', { managerId: 'e1' });
    const lead = row('e1', { managerId: 'e0' });
    const boss = row('e0');
    const plan = planPeopleImport([report, lead, boss], new Map(), today);
    expect(changes(plan)).toEqual(['e2:joiner', 'e1:joiner', 'e0:joiner']);
    expect(plan.commands.map((c) => c.command.data.engineerId)).toEqual(['e0', 'e1', 'e2']);
    expect(plan.commands[0]!.command).toEqual({ type: 'RecordJoiner', data: { engineerId: 'e0', name: 'Name e0', email: 'e0@example.test', title: 'Engineer', teamId: 'team-a', teamName: 'Team A', managerId: null, joinedOn: '2024-01-01' } });
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('the same rows against their recorded state change nothing', () => {
    const rows = [row('e1'), row('e2', { managerId: 'e1' })];
    const plan = planPeopleImport(rows, new Map(rows.map((r) => active(r))), today);
    expect(changes(plan)).toEqual(['e1:unchanged', 'e2:unchanged']);
    expect(plan.commands).toEqual([]);
  });

  it('a changed team, manager or title is a mover dated movedOn (default today); leftOn makes a leaver', () => {
    const moved = row('e1', { teamId: 'team-b', teamName: 'Team B' });
    const retitled = row('e2', { title: 'Senior Engineer', movedOn: '2026-11-01' });
    const leaving = row('e3', { leftOn: '2026-11-19' });
    const recorded = new Map([active(moved, { teamId: 'team-a' }), active(retitled, { title: 'Engineer' }), active(leaving)]);
    const plan = planPeopleImport([moved, retitled, leaving], recorded, today);
    expect(changes(plan)).toEqual(['e1:mover', 'e2:mover', 'e3:leaver']);
    expect(plan.commands.map((c) => c.command)).toEqual([
      { type: 'RecordMover', data: { engineerId: 'e1', teamId: 'team-b', teamName: 'Team B', managerId: null, title: 'Engineer', movedOn: today } },
      { type: 'RecordMover', data: { engineerId: 'e2', teamId: 'team-a', teamName: 'Team A', managerId: null, title: 'Senior Engineer', movedOn: '2026-11-01' } },
      { type: 'RecordLeaver', data: { engineerId: 'e3', leftOn: '2026-11-19' } },
    ]);
  });

  it('a leaver never recorded records nothing, with a warning; an unknown future leaver joins, with a warning', () => {
    const gone = row('e1', { leftOn: '2025-01-01' });
    const newAndLeavingLater = row('e2', { leftOn: '2027-01-31' });
    const plan = planPeopleImport([gone, newAndLeavingLater], new Map(), today);
    expect(changes(plan)).toEqual(['e1:unchanged', 'e2:joiner']);
    expect(plan.warnings.map((w) => [w.line, w.field, w.code])).toEqual([
      [gone.line, 'leftOn', 'NEVER_RECORDED'],
      [newAndLeavingLater.line, 'leftOn', 'LEAVES_LATER'],
    ]);
  });

  describe('effective dates ahead of today: recorded now, taking effect on their day', () => {
    it('records a future leaver now with their leaving day, and the same file again changes nothing', () => {
      const leavingLater = row('e2', { leftOn: '2027-01-31' });
      const plan = planPeopleImport([leavingLater], new Map([active(leavingLater)]), today);
      expect(plan.commands.map((c) => c.command)).toEqual([{ type: 'RecordLeaver', data: { engineerId: 'e2', leftOn: '2027-01-31' } }]);
      expect(plan.warnings).toEqual([]);
      const left = new Map<string, RecordedEngineer>([[leavingLater.employeeId, { state: { ...active(leavingLater)[1].state, status: 'left', leftOn: '2027-01-31', effectiveOn: '2027-01-31' } as EngineerState }]]);
      expect(changes(planPeopleImport([leavingLater], left, today))).toEqual(['e2:unchanged']);
    });

    it('records a future joiner with their start day, and a move before they start on that day', () => {
      const starter = row('e4', { startDate: '2027-02-01' });
      expect(planPeopleImport([starter], new Map(), today).commands.map((c) => c.command.type)).toEqual(['RecordJoiner']);
      const moved = { ...starter, teamId: 'team-b', teamName: 'Team B' };
      const recorded = new Map([active(starter, { effectiveOn: '2027-02-01' })]);
      expect(planPeopleImport([moved], recorded, today).commands.map((c) => c.command.data)).toEqual([
        { engineerId: 'e4', teamId: 'team-b', teamName: 'Team B', managerId: null, title: 'Engineer', movedOn: '2027-02-01' },
      ]);
    });

    it('refuses a movedOn or leftOn before the day the last recorded change takes effect, naming line and field', () => {
      const mover = row('e5', { teamId: 'team-b', movedOn: '2026-11-01' });
      const leaver = row('e6', { leftOn: '2026-11-10' });
      const recorded = new Map([active({ ...mover, teamId: 'team-a' }, { effectiveOn: '2026-11-15' }), active(leaver, { effectiveOn: '2026-11-15' })]);
      const plan = planPeopleImport([mover, leaver], recorded, today);
      expect(plan.errors.map((e) => [e.line, e.field, e.code, e.value])).toEqual([
        [mover.line, 'movedOn', 'BEFORE_LAST_CHANGE', '2026-11-01'],
        [leaver.line, 'leftOn', 'BEFORE_LAST_CHANGE', '2026-11-10'],
      ]);
      expect(plan.commands).toEqual([]);
      expect(changes(plan)).toEqual(['e5:error', 'e6:error']);
    });
  });

  it('someone recorded as left and back in the export without leftOn joins again', () => {
    const back = row('e1', { startDate: '2026-10-01' });
    const recorded = new Map<string, RecordedEngineer>([[back.employeeId, { state: { ...active(back)[1].state, status: 'left' } as EngineerState }]]);
    const plan = planPeopleImport([back], recorded, today);
    expect(changes(plan)).toEqual(['e1:joiner']);
    expect(plan.warnings.map((w) => w.code)).toEqual(['REHIRE']);
  });

  it('refuses duplicates, self-managers, leaving before starting and manager cycles, naming line and field', () => {
    const first = row('e1');
    const again = row('e1');
    const self = row('e2', { managerId: 'e2' });
    const early = row('e3', { leftOn: '2023-12-31' });
    const a = row('e4', { managerId: 'e5' });
    const b = row('e5', { managerId: 'e4' });
    const plan = planPeopleImport([first, again, self, early, a, b], new Map(), today);
    expect(plan.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [again.line, 'employeeId', 'DUPLICATE_EMPLOYEE'],
      [self.line, 'managerId', 'SELF_MANAGED'],
      [early.line, 'leftOn', 'LEFT_BEFORE_START'],
      [a.line, 'managerId', 'MANAGER_CYCLE'],
      [b.line, 'managerId', 'MANAGER_CYCLE'],
    ]);
    expect(changes(plan)).toEqual(['e1:joiner', 'e1:error', 'e2:error', 'e3:error', 'e4:error', 'e5:error']);
  });

  it('warns about a manager neither recorded nor in the file, and about a changed name it cannot record', () => {
    const orphan = row('e1', { managerId: 'nobody' });
    const renamed = row('e2', { name: 'New Name' });
    const plan = planPeopleImport([orphan, renamed], new Map([active(renamed, { name: 'Old Name' })]), today);
    expect(changes(plan)).toEqual(['e1:joiner', 'e2:unchanged']);
    expect(plan.warnings.map((w) => [w.line, w.field, w.code, w.value])).toEqual([
      [renamed.line, 'name', 'NOT_RECORDED', undefined],
      [orphan.line, 'managerId', 'UNKNOWN_MANAGER', 'nobody'],
    ]);
  });
});
