import { z } from 'zod';
import { ReviewEvidenceCommand, type EvidenceReview } from '@skills-graph/contracts';
import type { MutationName } from '@skills-graph/domain';
import { parseInput, rejectionReason } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Reviewing evidence, by the evidence decider's rules (libs/domain access/evidence-relation.ts):
// - endorseEvidence: any current engineer but the owner;
// - approveEvidence, rejectEvidence: only the engineer's current manager, or a delegate they named until an expiry;
// - withdrawEvidence: only the engineer.
// Roles grant nothing here: an admin is a peer. Service principals, unknown ids and leavers are refused.

const evidenceId = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const comment = z.string().max(2_000, 'at most 2000 characters').nullish();

export function reviewEvidenceResolvers(kit: UseCaseKit) {
  const review = async (mutation: MutationName, id: unknown, action: () => EvidenceReview, context: GatewayContext) => {
    const commandMeta = await kit.access.authorise(context, mutation);
    const evidence = parseInput(evidenceId, id, 'id');
    return kit.evidenceResult(await kit.commands.send(new ReviewEvidenceCommand({ evidenceId: evidence, review: action() }, commandMeta)), context);
  };

  return {
    Mutation: {
      endorseEvidence: (_: unknown, args: { id: string; comment?: string | null }, context: GatewayContext) =>
        review('endorseEvidence', args.id, () => ({ action: 'endorse', comment: parseInput(comment, args.comment, 'comment')?.trim() || null }), context),
      approveEvidence: (_: unknown, args: { id: string }, context: GatewayContext) => review('approveEvidence', args.id, () => ({ action: 'approve' }), context),
      rejectEvidence: (_: unknown, args: { id: string; reason: string }, context: GatewayContext) =>
        review('rejectEvidence', args.id, () => ({ action: 'reject', reason: parseInput(rejectionReason, args.reason, 'reason') }), context),
      withdrawEvidence: (_: unknown, args: { id: string }, context: GatewayContext) => review('withdrawEvidence', args.id, () => ({ action: 'withdraw' }), context),
    },
  };
}
