import type { PeopleChange, PeopleImportIssue, PeopleImportRow, PeopleImportRowResult } from '@skills-graph/contracts';
import type { EngineerState, RecordJoiner, RecordLeaver, RecordMover } from '@skills-graph/domain';

/**
 * Plans an HR export against what is recorded, without I/O. Each row is one person as the HR system
 * sees them now; what to record follows from the engineer's recorded state:
 *
 * | recorded  | row without leftOn                               | row with leftOn                    |
 * |-----------|-------------------------------------------------|-----------------------------------|
 * | unknown   | joiner (joinedOn = startDate)                    | today or before: unchanged, nothing to record; later: joiner (the leaver with a later import) |
 * | active    | mover when team, manager or title differ, else unchanged | leaver (leftOn, also a later day) |
 * | left      | joiner again (a re-hire)                         | unchanged                          |
 *
 * Dates may lie ahead (a start next month, a move or a leaving day to come): the change is recorded now and
 * takes effect on its day (docs/people.md). A movedOn left out is today, or the day the last recorded change
 * takes effect when that is later (someone who has not started yet).
 *
 * Errors (the whole file is refused when any row has one): an employeeId twice, a person managing
 * themselves, leftOn before startDate, managers within the file forming a cycle, a movedOn or leftOn before
 * the day the person's last recorded change takes effect (changes take effect in the order of their days). Warnings never block:
 * a manager who is neither recorded nor in the file, a changed name or e-mail (not recorded by any
 * change), a future leaver, a re-hire. Commands come out managers first.
 */

export interface RecordedEngineer {
  state: EngineerState;
}

/** What an HR export can record. */
export type PeopleImportCommand = RecordJoiner | RecordMover | RecordLeaver;

export interface PlannedCommand {
  row: PeopleImportRow;
  command: PeopleImportCommand;
}

export interface PeopleImportPlan {
  results: PeopleImportRowResult[];
  commands: PlannedCommand[];
  errors: PeopleImportIssue[];
  warnings: PeopleImportIssue[];
}

export function planPeopleImport(rows: readonly PeopleImportRow[], recorded: ReadonlyMap<string, RecordedEngineer>, today: string): PeopleImportPlan {
  const errors: PeopleImportIssue[] = [];
  const warnings: PeopleImportIssue[] = [];
  const issue = (row: PeopleImportRow, field: string | null, code: string, message: string, value?: string): PeopleImportIssue => ({
    line: row.line,
    row: row.row,
    field,
    code,
    message,
    ...(value !== undefined && { value }),
  });

  const firstRowOf = new Map<string, PeopleImportRow>();
  const refused = new Set<PeopleImportRow>();
  const refuse = (row: PeopleImportRow, field: string, code: string, message: string, value?: string) => {
    errors.push(issue(row, field, code, message, value));
    refused.add(row);
  };

  for (const row of rows) {
    const first = firstRowOf.get(row.employeeId);
    if (first) refuse(row, 'employeeId', 'DUPLICATE_EMPLOYEE', `${row.employeeId} is already on line ${first.line}`, row.employeeId);
    else firstRowOf.set(row.employeeId, row);
    if (row.managerId === row.employeeId) refuse(row, 'managerId', 'SELF_MANAGED', 'a person cannot manage themselves', row.managerId);
    if (row.leftOn !== null && row.leftOn < row.startDate) refuse(row, 'leftOn', 'LEFT_BEFORE_START', `leftOn ${row.leftOn} is before startDate ${row.startDate}`, row.leftOn);
  }
  for (const row of findManagerCycles([...firstRowOf.values()])) {
    if (!refused.has(row)) refuse(row, 'managerId', 'MANAGER_CYCLE', `managers form a cycle through ${row.employeeId}`, row.managerId ?? undefined);
  }

  const leftByToday = (row: PeopleImportRow) => row.leftOn !== null && row.leftOn <= today;
  const planned = new Map<PeopleImportRow, PlannedCommand>();
  const results: PeopleImportRowResult[] = [];
  for (const row of rows) {
    const result = (change: PeopleChange) => results.push({ line: row.line, row: row.row, employeeId: row.employeeId, change });
    if (refused.has(row)) {
      result('error');
      continue;
    }
    const state = recorded.get(row.employeeId)?.state ?? { status: 'unknown' as const };
    if (row.leftOn !== null && !leftByToday(row) && state.status === 'unknown') {
      warnings.push(issue(row, 'leftOn', 'LEAVES_LATER', `leaves on ${row.leftOn}, after today: this import records the joiner; import again to record the leaver (it takes effect on ${row.leftOn})`, row.leftOn));
    }
    const lastChange = state.status === 'unknown' ? undefined : state.effectiveOn;
    const beforeLastChange = (field: 'leftOn' | 'movedOn', day: string | null): boolean => {
      if (day === null || lastChange === undefined || day >= lastChange) return false;
      refuse(row, field, 'BEFORE_LAST_CHANGE', `${field} ${day} is before ${lastChange}, the day ${row.employeeId}'s last recorded change takes effect`, day);
      result('error');
      return true;
    };
    const plan = (command: PeopleImportCommand) => {
      planned.set(row, { row, command });
      result(command.type === 'RecordJoiner' ? 'joiner' : command.type === 'RecordMover' ? 'mover' : 'leaver');
    };
    const joiner = (): PeopleImportCommand => ({
      type: 'RecordJoiner',
      data: { engineerId: row.employeeId, name: row.name, email: row.email, title: row.title, teamId: row.teamId, teamName: row.teamName, managerId: row.managerId, joinedOn: row.startDate },
    });
    if (state.status === 'unknown') {
      if (leftByToday(row)) {
        warnings.push(issue(row, 'leftOn', 'NEVER_RECORDED', `left on ${row.leftOn} and was never recorded: nothing to record`, row.leftOn ?? undefined));
        result('unchanged');
      } else plan(joiner());
    } else if (state.status === 'left') {
      if (row.leftOn !== null) result('unchanged');
      else {
        warnings.push(issue(row, 'leftOn', 'REHIRE', `${row.employeeId} is recorded as having left: this row records them joining again`, row.employeeId));
        plan(joiner());
      }
    } else if (row.leftOn !== null) {
      if (!beforeLastChange('leftOn', row.leftOn)) plan({ type: 'RecordLeaver', data: { engineerId: row.employeeId, leftOn: row.leftOn } });
    } else {
      if (state.name !== row.name || state.email !== row.email) {
        const field = state.name !== row.name ? 'name' : 'email';
        warnings.push(issue(row, field, 'NOT_RECORDED', `a changed ${field === 'name' ? 'name' : 'e-mail'} is not recorded by an import (only team, manager and title changes are)`));
      }
      if (state.teamId === row.teamId && state.managerId === row.managerId && state.title === row.title) result('unchanged');
      else if (!beforeLastChange('movedOn', row.movedOn)) {
        const movedOn = row.movedOn ?? (lastChange !== undefined && lastChange > today ? lastChange : today);
        plan({
          type: 'RecordMover',
          data: { engineerId: row.employeeId, teamId: row.teamId, teamName: row.teamName, managerId: row.managerId, title: row.title, movedOn },
        });
      }
    }
  }

  // A manager should be someone the graph knows (or will, once this file is recorded).
  const activeAfterwards = (id: string) => {
    const row = firstRowOf.get(id);
    if (row && !refused.has(row)) return !leftByToday(row);
    return recorded.get(id)?.state.status === 'active';
  };
  for (const { row, command } of planned.values()) {
    if (command.type !== 'RecordLeaver' && row.managerId !== null && !activeAfterwards(row.managerId)) {
      warnings.push(issue(row, 'managerId', 'UNKNOWN_MANAGER', `manager ${row.managerId} is not an active engineer, recorded or in this file`, row.managerId));
    }
  }

  return { results, commands: managersFirst([...planned.values()]), errors, warnings };
}

/** Rows whose chain of managers within the file comes back to them. */
function findManagerCycles(rows: readonly PeopleImportRow[]): PeopleImportRow[] {
  const byId = new Map(rows.map((r) => [r.employeeId, r]));
  const inCycle = new Set<PeopleImportRow>();
  const done = new Set<PeopleImportRow>();
  for (const start of rows) {
    const path: PeopleImportRow[] = [];
    const onPath = new Set<PeopleImportRow>();
    let current: PeopleImportRow | undefined = start;
    while (current && !done.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = current.managerId === null || current.managerId === current.employeeId ? undefined : byId.get(current.managerId);
    }
    if (current && onPath.has(current)) for (const row of path.slice(path.indexOf(current))) inCycle.add(row);
    for (const row of path) done.add(row);
  }
  return rows.filter((r) => inCycle.has(r));
}

/** Joiners and movers with each manager before their reports (file order otherwise), then leavers. */
function managersFirst(commands: readonly PlannedCommand[]): PlannedCommand[] {
  const staying = commands.filter((c) => c.command.type !== 'RecordLeaver');
  const byEngineer = new Map(staying.map((c) => [c.row.employeeId, c]));
  const ordered: PlannedCommand[] = [];
  const placed = new Set<PlannedCommand>();
  const place = (command: PlannedCommand) => {
    if (placed.has(command)) return;
    placed.add(command); // cycles were refused; this also guards against one
    const manager = command.row.managerId === null ? undefined : byEngineer.get(command.row.managerId);
    if (manager) place(manager);
    ordered.push(command);
  };
  for (const command of staying) place(command);
  return [...ordered, ...commands.filter((c) => c.command.type === 'RecordLeaver')];
}
