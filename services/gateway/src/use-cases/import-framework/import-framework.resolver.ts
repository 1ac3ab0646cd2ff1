import { ImportFrameworkCommand, type FrameworkFileFormat } from '@skills-graph/contracts';
import { importFrameworkInput, parseInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Importing a framework file as a new version: framework owners and admins (access policy: importFramework).
// Input: importFrameworkInput (frameworkId, format, content up to 2 MB, publish, confirmRetirements).

export function importFrameworkResolvers(kit: UseCaseKit) {
  return {
    Mutation: {
      async importFramework(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'importFramework');
        const input = parseInput(importFrameworkInput, args.input, 'input');
        const outcome = await kit.commands.send(
          new ImportFrameworkCommand(
            { frameworkId: input.frameworkId, format: input.format.toLowerCase() as FrameworkFileFormat, content: input.content, publish: input.publish, confirmRetirements: input.confirmRetirements },
            commandMeta,
          ),
        );
        await kit.waitFor(outcome.position);
        return outcome;
      },
    },
  };
}
