import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ImportPeopleCommand,
  RecordJoinerCommand,
  RecordLeaverCommand,
  RecordMoverCommand,
  peopleRecorderRoles,
  requireRole,
  type CommandMeta,
  type PeopleImportOutcome,
} from '@skills-graph/contracts';
import { DomainError, assertNever, engineerDecider, engineerStream, foldEvents, type EngineerEvent } from '@skills-graph/domain';
import { EVENT_STORE, type EventStore } from '@skills-graph/event-store';
import { planPeopleImport, type PeopleImportCommand, type PlannedCommand, type RecordedEngineer } from './plan-people-import.js';

/** Rows in one import command; larger exports go in several (the command-line importer batches them). */
export const maxPeopleImportRows = 5_000;

/**
 * Imports an HR export: reads each person's recorded state, plans joiners, movers and leavers
 * (plan-people-import.ts) and records them through the same handlers as the HRIS feed. A dry run, or a
 * file with any error, records nothing. Each change carries an idempotency key made of the row's change
 * and the stream revision it was planned on, so a retried import (even one that raced itself) records
 * each change once, and a later import of the same file finds everything unchanged.
 */
@CommandHandler(ImportPeopleCommand)
export class ImportPeopleHandler implements ICommandHandler<ImportPeopleCommand, PeopleImportOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ input, meta }: ImportPeopleCommand): Promise<PeopleImportOutcome> {
    requireRole(meta.actor, peopleRecorderRoles, 'import people');
    if (input.rows.length > maxPeopleImportRows) {
      throw new DomainError('VALIDATION_FAILED', `At most ${maxPeopleImportRows} rows per import (got ${input.rows.length}); split the file`, 'input.content');
    }
    const ids = new Set(input.rows.flatMap((r) => (r.managerId === null ? [r.employeeId] : [r.employeeId, r.managerId])));
    const recorded = new Map<string, RecordedEngineer & { revision: string }>();
    for (const id of ids) {
      const events = await this.store.readStream(engineerStream(id));
      if (events.length === 0) continue;
      const state = foldEvents(engineerDecider, events.map((e) => ({ type: e.type, data: e.data }) as EngineerEvent));
      recorded.set(id, { state, revision: String(events.at(-1)!.streamRevision) });
    }
    const plan = planPeopleImport(input.rows, recorded, meta.issuedAt.slice(0, 10));
    const count = (change: string) => plan.results.filter((r) => r.change === change).length;
    const report = {
      dryRun: input.dryRun,
      joiners: count('joiner'),
      movers: count('mover'),
      leavers: count('leaver'),
      unchanged: count('unchanged'),
      rows: plan.results,
      errors: plan.errors,
      warnings: plan.warnings,
    };
    if (input.dryRun || plan.errors.length > 0 || plan.commands.length === 0) {
      return { ...report, applied: false, changed: false, position: String(await this.store.headPosition()) };
    }
    let position = 0n;
    let changed = false;
    for (const planned of plan.commands) {
      const key = idempotencyKey(planned, recorded.get(planned.row.employeeId)?.revision ?? 'new');
      const outcome = await this.commandBus.execute(toCommand(planned.command, { ...meta, idempotencyKey: key }));
      if (BigInt(outcome.position) > position) position = BigInt(outcome.position);
      changed ||= outcome.changed;
    }
    return { ...report, applied: true, changed, position: String(position) };
  }
}

function idempotencyKey(planned: PlannedCommand, revision: string): string {
  const digest = createHash('sha256').update(JSON.stringify([planned.command, revision])).digest('hex').slice(0, 32);
  return `people-import:${digest}`;
}

function toCommand(command: PeopleImportCommand, meta: CommandMeta): RecordJoinerCommand | RecordMoverCommand | RecordLeaverCommand {
  switch (command.type) {
    case 'RecordJoiner':
      return new RecordJoinerCommand(command.data, meta);
    case 'RecordMover':
      return new RecordMoverCommand(command.data, meta);
    case 'RecordLeaver':
      return new RecordLeaverCommand(command.data, meta);
    default:
      return assertNever(command);
  }
}
