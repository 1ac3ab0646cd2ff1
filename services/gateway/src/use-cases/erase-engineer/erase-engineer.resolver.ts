import { z } from 'zod';
import { EraseEngineerCommand } from '@skills-graph/contracts';
import type { EngineerView } from '@skills-graph/read-model';
import { parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Erasing an engineer (hris or admin, by the access policy): the people service deletes their key and
// records EngineerErased; the answer is the engineer as the graph shows them afterwards.

export const eraseEngineerId = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

export function eraseEngineerResolvers(kit: UseCaseKit) {
  return {
    Mutation: {
      async eraseEngineer(_: unknown, args: { id: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'eraseEngineer');
        const engineerId = parseInput(eraseEngineerId, args.id, 'id');
        const outcome = await kit.commands.send(new EraseEngineerCommand({ engineerId }, commandMeta));
        await kit.waitFor(outcome.position);
        context.loaders.engineer.clear(engineerId);
        return { ...outcome, engineer: await context.loaders.engineer.load(engineerId) };
      },
    },
    Engineer: {
      erased: (e: EngineerView) => e.erased === true,
    },
  };
}
