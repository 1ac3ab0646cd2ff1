import { AmendEvidenceCommand, type EvidenceChanges } from '@skills-graph/contracts';
import { parseInput, submitEvidenceInput } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Amending evidence: only the engineer who owns it corrects its details (admins no longer do: access policy); approved evidence goes back
// to review (the evidence decider's rules), and levels follow through the assessment process manager.

/** The fields of a submission that may change, validated exactly as a submission's; at least one is given. */
export const amendEvidenceInput = submitEvidenceInput
  .pick({ title: true, url: true, date: true, projectId: true, skills: true, behaviourIds: true })
  .partial()
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'give at least one detail to change');

export function amendEvidenceResolvers(kit: UseCaseKit) {
  return {
    Mutation: {
      async amendEvidence(_: unknown, args: { id: string; input: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'amendEvidence');
        const input = parseInput(amendEvidenceInput, args.input, 'input');
        const changes: EvidenceChanges = {
          ...(input.title !== undefined && { title: input.title }),
          ...(input.url !== undefined && { url: input.url }),
          ...(input.date !== undefined && { date: input.date }),
          ...(input.projectId !== undefined && { projectId: input.projectId }),
          ...(input.behaviourIds !== undefined && { behaviourIds: [...new Set(input.behaviourIds)] }),
        };
        if (input.skills !== undefined) {
          const skillIds: string[] = [];
          for (const [i, name] of input.skills.entries()) skillIds.push(await kit.resolveSkillId(name, `input.skills[${i}]`));
          changes.skillIds = [...new Set(skillIds)];
        }
        return kit.evidenceResult(await kit.commands.send(new AmendEvidenceCommand({ evidenceId: args.id, changes }, commandMeta)), context);
      },
    },
  };
}
