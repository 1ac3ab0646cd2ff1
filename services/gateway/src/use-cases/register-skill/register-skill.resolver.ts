import { RegisterSkillCommand } from '@skills-graph/contracts';
import { parseInput, registerSkillInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Adding a skill (or aliases to one) to the catalogue: framework owners and admins. Input: registerSkillInput.

export function registerSkillResolvers(kit: UseCaseKit) {
  return {
    Mutation: {
      async registerSkill(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'registerSkill');
        const input = parseInput(registerSkillInput, args.input, 'input');
        const outcome = await kit.commands.send(new RegisterSkillCommand({ skillId: input.id, name: input.name, aliases: input.aliases }, commandMeta));
        await kit.waitFor(outcome.position);
        return outcome;
      },
    },
  };
}
