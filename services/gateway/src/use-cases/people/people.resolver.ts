import {
  ImportPeopleCommand,
  RecordJoinerCommand,
  RecordLeaverCommand,
  RecordMoverCommand,
  type CommandMeta,
  type CommandOutcome,
  type PeopleImportIssue,
} from '@skills-graph/contracts';
import { RemoteInputError } from '../../errors/gateway-error.js';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext, ResolverDependencies } from '../../resolvers/resolvers.js';
import type { Access } from '../access.js';
import { readPeopleFile } from './people-file.js';
import { importPeopleInput, recordJoinerInput, recordLeaverInput, recordMoverInput } from './people-inputs.js';

/**
 * People without Kafka: recordJoiner, recordMover and recordLeaver, and importPeople for an HR export.
 * HRIS integrations and admins only. They go through the same people handlers as the HRIS feed, and a
 * client's idempotencyKey works as the feed's messageId does: a retry with the same key changes nothing.
 */
export function createPeopleResolvers(deps: ResolverDependencies, access: Access) {
  const { commands, progress } = deps;

  /** Who may change people (access policy): signed in (UNAUTHENTICATED), hris or admin (FORBIDDEN), a recognised identity. */
  const meta = (context: GatewayContext, mutation: 'recordJoiner' | 'recordMover' | 'recordLeaver' | 'importPeople'): Promise<CommandMeta> => access.authorise(context, mutation);
  /** The client's key plays the part of the HRIS messageId: the same key twice records once. */
  const withKey = (commandMeta: CommandMeta, idempotencyKey: string | null | undefined): CommandMeta => (idempotencyKey ? { ...commandMeta, idempotencyKey } : commandMeta);

  const engineerResult = async (engineerId: string, outcome: CommandOutcome, context: GatewayContext) => {
    await progress.waitForPosition(BigInt(outcome.position), deps.readYourWritesTimeoutMs);
    context.loaders.engineer.clear(engineerId);
    return { ...outcome, engineer: await context.loaders.engineer.load(engineerId) };
  };

  const byLine = (a: PeopleImportIssue, b: PeopleImportIssue) => (a.line ?? 0) - (b.line ?? 0) || (a.row ?? 0) - (b.row ?? 0);

  return {
    Mutation: {
      async recordJoiner(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await meta(context, 'recordJoiner');
        const { idempotencyKey, ...joiner } = parseInput(recordJoinerInput, args.input, 'input');
        const outcome = await commands.send(new RecordJoinerCommand(joiner, withKey(commandMeta, idempotencyKey)));
        return engineerResult(joiner.engineerId, outcome, context);
      },
      async recordMover(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await meta(context, 'recordMover');
        const { idempotencyKey, ...mover } = parseInput(recordMoverInput, args.input, 'input');
        const outcome = await commands.send(new RecordMoverCommand(mover, withKey(commandMeta, idempotencyKey)));
        return engineerResult(mover.engineerId, outcome, context);
      },
      async recordLeaver(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await meta(context, 'recordLeaver');
        const { idempotencyKey, ...leaver } = parseInput(recordLeaverInput, args.input, 'input');
        const outcome = await commands.send(new RecordLeaverCommand(leaver, withKey(commandMeta, idempotencyKey)));
        return engineerResult(leaver.engineerId, outcome, context);
      },
      async importPeople(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await meta(context, 'importPeople');
        const input = parseInput(importPeopleInput, args.input, 'input');
        const file = readPeopleFile(input.format, input.content);
        // Bad rows found here refuse the file; the valid ones are still planned, so one answer lists every problem.
        const outcome = await commands.send(new ImportPeopleCommand({ rows: file.rows, dryRun: input.dryRun || file.errors.length > 0 }, commandMeta));
        const errors = [...file.errors, ...outcome.errors].sort(byLine);
        const warnings = [...file.warnings, ...outcome.warnings].sort(byLine);
        if (!input.dryRun && errors.length > 0) {
          const first = errors[0]!;
          const where = first.line === null ? '' : `line ${first.line}${first.field ? `, ${first.field}` : ''}: `;
          throw new RemoteInputError(
            `The file was not imported (${errors.length} error${errors.length > 1 ? 's' : ''}; nothing was recorded). ${where}${first.message}`,
            'input.content',
            { line: first.line, row: first.row, path: first.field, errors },
          );
        }
        await progress.waitForPosition(BigInt(outcome.position), deps.readYourWritesTimeoutMs);
        const failedRows = file.errors.flatMap((e) => (e.row === null || e.line === null ? [] : [{ line: e.line, row: e.row, employeeId: null, change: 'error' as const }]));
        const rows = [...new Map([...outcome.rows, ...failedRows].map((r) => [r.row, r])).values()].sort((a, b) => a.row - b.row);
        return {
          ...outcome,
          errors,
          warnings,
          rows: rows.map((r) => ({ ...r, change: r.change.toUpperCase() })),
        };
      },
    },
  };
}
