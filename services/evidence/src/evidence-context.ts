import {
  currentPublishedVersion,
  engineerStream,
  engineerDecider,
  frameworkDecider,
  skillDecider,
  foldEvents,
  evidenceRelation,
  initialEngineerState,
  frameworkStream,
  skillStream,
  type ActorRelation,
  type EngineerEvent,
  type EngineerState,
  type EvidenceActor,
  type EvidenceContext,
  type FrameworkEvent,
  type SkillEvent,
  DomainError,
} from '@skills-graph/domain';
import type { Actor } from '@skills-graph/contracts';
import type { EventStore } from '@skills-graph/event-store';

/** Reads, from the owning streams, what the evidence rules need to know about the world. */
export class EvidenceContextReader {
  constructor(private readonly store: EventStore) {}

  async engineer(engineerId: string): Promise<EngineerState> {
    const events = await this.store.readStream(engineerStream(engineerId));
    return foldEvents(engineerDecider, events as unknown as EngineerEvent[]);
  }

  /** The actor and how they stand to the engineer at `at` (the command's issuedAt). */
  async actorFor(actor: Actor, engineerId: string, at: string): Promise<EvidenceActor> {
    return { id: actor.id, relation: await this.relation(actor, engineerId, at) };
  }

  async context(frameworkId: string, skillIds: readonly string[], engineerId: string): Promise<EvidenceContext> {
    const frameworkEvents = await this.store.readStream(frameworkStream(frameworkId));
    const framework = foldEvents(frameworkDecider, frameworkEvents as unknown as FrameworkEvent[]);
    const published = currentPublishedVersion(framework);
    if (!published) {
      throw new DomainError('NOT_FOUND', `Framework '${frameworkId}' has no published version to claim behaviours from`, 'frameworkId');
    }
    const knownSkillIds = new Set<string>();
    for (const skillId of new Set(skillIds)) {
      const events = await this.store.readStream(skillStream(skillId));
      const skill = foldEvents(skillDecider, events as unknown as SkillEvent[]);
      if (skill.status === 'registered') knownSkillIds.add(skillId);
    }
    const engineer = await this.engineer(engineerId);
    if (engineer.status === 'unknown') throw new DomainError('NOT_FOUND', `Engineer '${engineerId}' is unknown`, 'engineerId');
    return {
      frameworkId,
      knownBehaviourIds: new Set(published.content.behaviours.map((b) => b.id)),
      knownSkillIds,
      engineerActive: engineer.status === 'active',
    };
  }

  /**
   * The access policy's evidence relation (libs/domain access/evidence-relation.ts) from the engineer streams:
   * the actor's own record, the evidence's engineer and that engineer's current manager (with their delegations).
   */
  private async relation(actor: Actor, engineerId: string, at: string): Promise<ActorRelation> {
    const engineer = await this.engineer(engineerId);
    const actorRecord = actor.id === engineerId ? engineer : await this.engineer(actor.id);
    const managerId = engineer.status === 'unknown' ? null : engineer.managerId;
    const manager = managerId === null ? initialEngineerState() : managerId === actor.id ? actorRecord : await this.engineer(managerId);
    return evidenceRelation({ actorId: actor.id, at, actorRecord, engineer, manager });
  }
}
