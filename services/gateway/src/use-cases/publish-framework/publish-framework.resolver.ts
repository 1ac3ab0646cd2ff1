import { z } from 'zod';
import { PublishFrameworkCommand } from '@skills-graph/contracts';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Publishing a framework version (an older one too, to roll back): framework owners and admins.

export const publishFrameworkInput = z.object({
  id: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  version: z.number().int('expected a whole number').min(1, 'versions start at 1'),
  confirmRetirements: z.boolean().nullish(),
});

export function publishFrameworkResolvers(kit: UseCaseKit) {
  return {
    Mutation: {
      async publishFramework(_: unknown, args: { id: string; version: number; confirmRetirements?: boolean | null }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'publishFramework');
        const input = {
          id: parseInput(publishFrameworkInput.shape.id, args.id, 'id'),
          version: parseInput(publishFrameworkInput.shape.version, args.version, 'version'),
          confirmRetirements: parseInput(publishFrameworkInput.shape.confirmRetirements, args.confirmRetirements, 'confirmRetirements'),
        };
        const outcome = await kit.commands.send(
          new PublishFrameworkCommand({ frameworkId: input.id, version: input.version, confirmRetirements: input.confirmRetirements ?? false }, commandMeta),
        );
        await kit.waitFor(outcome.position);
        return outcome;
      },
    },
  };
}
