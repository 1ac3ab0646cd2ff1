import { randomUUID } from 'node:crypto';
import { SubmitEvidenceCommand } from '@skills-graph/contracts';
import { parseInput, submitEvidenceInput, toEvidenceKind } from '../../resolvers/mutation-inputs.js';
import type { GatewayContext } from '../../resolvers/resolvers.js';
import type { UseCaseKit } from '../use-case-kit.js';

// Submitting evidence: a current engineer for themselves, or their current manager or a delegate the manager
// named (the evidence decider's rule); admins and service principals do not submit for others.
// Input: submitEvidenceInput.

export function submitEvidenceResolvers(kit: UseCaseKit) {
  return {
    Mutation: {
      async submitEvidence(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const commandMeta = await kit.access.authorise(context, 'submitEvidence');
        const input = parseInput(submitEvidenceInput, args.input, 'input');
        const skillIds: string[] = [];
        for (const [i, name] of input.skills.entries()) skillIds.push(await kit.resolveSkillId(name, `input.skills[${i}]`));
        const frameworkId = input.frameworkId ?? (await kit.defaultFrameworkId());
        const outcome = await kit.commands.send(
          new SubmitEvidenceCommand(
            {
              evidenceId: input.id ?? randomUUID(),
              engineerId: input.engineerId,
              frameworkId,
              kind: toEvidenceKind(input.kind),
              title: input.title,
              url: input.url ?? null,
              date: input.date,
              projectId: input.projectId ?? null,
              skillIds,
              behaviourIds: input.behaviourIds,
            },
            commandMeta,
          ),
        );
        return kit.evidenceResult(outcome, context);
      },
    },
  };
}
