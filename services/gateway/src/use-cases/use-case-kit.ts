import type { CommandMeta, CommandSender } from '@skills-graph/contracts';
import type { EvidenceView, SkillsGraphReadModel } from '@skills-graph/read-model';
import type { GatewayContext } from '../resolvers/resolvers.js';
import type { Access } from './access.js';

/**
 * What createResolvers shares with the resolvers of a use case (each in its own folder under use-cases/):
 * the ports, the actor check, read-your-writes, and the look-ups that turn names into ids.
 */
export interface UseCaseKit {
  readModel: SkillsGraphReadModel;
  commands: CommandSender;
  /** The access policy for this request: who reads what, who may call which mutation (access.authorise). */
  access: Access;
  /** The clock commands and `asOf` are judged by. */
  now(): Date;
  /** The command metadata for the caller; UNAUTHENTICATED when there is no actor. Prefer access.authorise(context, mutation). */
  meta(context: GatewayContext): CommandMeta;
  /** Waits (bounded) until the read model has applied a command's position. */
  waitFor(position: string): Promise<void>;
  /** A competency id from an id or a name (of one framework when given); BAD_USER_INPUT naming `field` otherwise. */
  resolveCompetency(nameOrId: string, field: string, frameworkId?: string): Promise<string>;
  /** A skill id from an id, a name or an alias; BAD_USER_INPUT naming `field` otherwise. */
  resolveSkillId(nameOrAlias: string, field: string): Promise<string>;
  /** The only published framework, for inputs that name none. */
  defaultFrameworkId(): Promise<string>;
  competencyOf(id: string): Promise<{ id: string; name: string; description: string | null }>;
  skillOf(id: string): Promise<{ id: string; name: string; aliases: string[] }>;
  /** Waits for an evidence command's position and returns the evidence as the read model now shows it. */
  evidenceResult(
    outcome: { evidenceId: string; position: string; changed: boolean },
    context: GatewayContext,
  ): Promise<{ evidenceId: string; position: string; changed: boolean; evidence: EvidenceView | null }>;
}
