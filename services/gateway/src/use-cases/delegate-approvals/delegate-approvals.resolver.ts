import { z } from 'zod';
import { DelegateApprovalsCommand, RevokeDelegationCommand } from '@skills-graph/contracts';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Delegating approvals: a manager (a current engineer with at least one report) names a delegate until an
// expiry, recorded on the manager's engineer stream; the evidence review rule honours it until then or until
// revokeDelegation. The people service's handler checks the delegate is a current engineer and reportIds
// report to the caller; the engineer decider checks the dates.

const engineerId = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

export const delegateApprovalsInput = z.object({
  delegateId: engineerId,
  until: z.iso.datetime({ offset: true, error: 'expected an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z' }),
  reportIds: z.array(engineerId).min(1, 'name at least one report, or leave reportIds out for all').max(200, 'at most 200 reports').nullish(),
});

export function delegateApprovalsResolvers(kit: UseCaseKit) {
  /** Only managers delegate: the caller must have someone below them in the reporting line. */
  const requireReports = async (id: string) => {
    const line = await kit.readModel.findEngineers({ withinLineOf: id }, { first: 2 });
    if (line.totalCount < 2) throw new GatewayError('FORBIDDEN', 'Only managers delegate approvals: you have no reports', 'actor');
  };

  return {
    Mutation: {
      async delegateApprovals(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'delegateApprovals');
        await requireReports(commandMeta.actor.id);
        const input = parseInput(delegateApprovalsInput, args.input, 'input');
        const until = new Date(input.until).toISOString();
        const outcome = await kit.commands.send(new DelegateApprovalsCommand({ delegateId: input.delegateId, until, reportIds: input.reportIds ?? null }, commandMeta));
        await kit.waitFor(outcome.position);
        return outcome;
      },
      async revokeDelegation(_: unknown, args: { delegateId: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'revokeDelegation');
        await requireReports(commandMeta.actor.id);
        const delegateId = parseInput(engineerId, args.delegateId, 'delegateId');
        const outcome = await kit.commands.send(new RevokeDelegationCommand({ delegateId }, commandMeta));
        await kit.waitFor(outcome.position);
        return outcome;
      },
    },
  };
}
