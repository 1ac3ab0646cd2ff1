import { Command } from '@nestjs/cqrs';
import type { CommandMeta, CommandOutcome } from './actor.js';

// Importing people from an HR system's export: one row per person, as the HR system sees them now.
// The gateway parses and validates the file; the people service compares each row with the engineer's
// recorded state and records joiners, movers and leavers through the same handlers as the HRIS feed.

/** One row of an HR export, validated at the edge. `line` is where it stands in the file, `row` its number (1-based). */
export interface PeopleImportRow {
  line: number;
  row: number;
  employeeId: string;
  name: string;
  email: string;
  title: string;
  teamId: string;
  teamName: string;
  /** null: no manager. */
  managerId: string | null;
  /** YYYY-MM-DD: the day the person joined (joinedOn of a joiner). */
  startDate: string;
  /** YYYY-MM-DD: set when the person has left (or leaves that day). */
  leftOn: string | null;
  /** YYYY-MM-DD: the day of a team, manager or title change; default: the day of the import. */
  movedOn: string | null;
}

export type PeopleChange = 'joiner' | 'mover' | 'leaver' | 'unchanged' | 'error';

/** A problem (error) or a remark (warning) about one row; `field` is the column at fault. */
export interface PeopleImportIssue {
  line: number | null;
  row: number | null;
  field: string | null;
  message: string;
  /** A stable name for the kind of problem, e.g. UNKNOWN_MANAGER. */
  code: string;
  /** The value at fault, when one is useful (e.g. the unknown manager's id). */
  value?: string;
}

export interface PeopleImportRowResult {
  line: number;
  row: number;
  employeeId: string;
  change: PeopleChange;
}

export interface PeopleImportOutcome extends CommandOutcome {
  dryRun: boolean;
  /** true when the rows were recorded (not a dry run, no errors). Errors refuse the whole file. */
  applied: boolean;
  joiners: number;
  movers: number;
  leavers: number;
  unchanged: number;
  rows: PeopleImportRowResult[];
  errors: PeopleImportIssue[];
  warnings: PeopleImportIssue[];
}

export class ImportPeopleCommand extends Command<PeopleImportOutcome> {
  constructor(
    readonly input: { rows: PeopleImportRow[]; dryRun: boolean },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Who may record joiners, movers and leavers: the HR integration, admins, and the platform's own feed consumer. */
export const peopleRecorderRoles = ['hris', 'admin', 'system'] as const;
