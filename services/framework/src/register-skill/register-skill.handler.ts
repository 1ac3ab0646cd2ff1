import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegisterSkillCommand, requireRole, type CommandOutcome } from '@skills-graph/contracts';
import {
  skillStream,
  skillDecider,
} from '@skills-graph/domain';
import { EVENT_STORE, executeOnStream, type EventStore } from '@skills-graph/event-store';

@CommandHandler(RegisterSkillCommand)
export class RegisterSkillHandler implements ICommandHandler<RegisterSkillCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ input, meta }: RegisterSkillCommand): Promise<CommandOutcome> {
    requireRole(meta.actor, ['framework-owner', 'admin'], 'register skills');
    const decider = skillDecider;
    const eventMeta = { actor: meta.actor.id, actorRoles: meta.actor.roles, correlationId: meta.correlationId, occurredAt: meta.issuedAt };
    const stream = skillStream(input.skillId);
    let result = await executeOnStream(this.store, stream, decider, { type: 'RegisterSkill', data: { ...input, registeredAt: meta.issuedAt } }, eventMeta);
    let changed = result.appended;
    for (const alias of input.aliases) {
      result = await executeOnStream(this.store, stream, decider, { type: 'AddSkillAlias', data: { skillId: input.skillId, alias } }, eventMeta);
      changed = changed || result.appended;
    }
    return { position: String(result.lastPosition), changed };
  }
}
