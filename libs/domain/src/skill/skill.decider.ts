import { DomainError, assertNever, type Decider } from '../decider.js';
import type { DomainEvent } from '../events/event-envelope.js';

// A skill is a technology or domain (Go, Kafka, card clearing) with aliases (golang → Go).

export interface RegisterSkill {
  type: 'RegisterSkill';
  data: { skillId: string; name: string; aliases: string[]; registeredAt: string };
}
export interface AddSkillAlias {
  type: 'AddSkillAlias';
  data: { skillId: string; alias: string };
}
export type SkillCommand = RegisterSkill | AddSkillAlias;

export type SkillRegistered = DomainEvent<'SkillRegistered', { skillId: string; name: string; aliases: string[] }>;
export type SkillAliasAdded = DomainEvent<'SkillAliasAdded', { skillId: string; alias: string }>;
export type SkillEvent = SkillRegistered | SkillAliasAdded;

export type SkillState = { status: 'unknown' } | { status: 'registered'; skillId: string; name: string; aliases: string[] };

export const skillStream = (skillId: string) => `skill-${skillId}`;

/** Lower-case, trimmed, inner whitespace collapsed: how names and aliases are compared. */
export function normaliseSkillName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function initialSkillState(): SkillState {
  return { status: 'unknown' };
}

export function evolveSkill(state: SkillState, event: SkillEvent): SkillState {
  switch (event.type) {
    case 'SkillRegistered':
      return { status: 'registered', skillId: event.data.skillId, name: event.data.name, aliases: event.data.aliases };
    case 'SkillAliasAdded':
      return state.status === 'registered' ? { ...state, aliases: [...state.aliases, event.data.alias] } : state;
    default:
      return assertNever(event);
  }
}

export function decideSkill(command: SkillCommand, state: SkillState): SkillEvent[] {
  switch (command.type) {
    case 'RegisterSkill': {
      const { skillId, name } = command.data;
      if (!name.trim()) throw new DomainError('VALIDATION_FAILED', 'A skill needs a name', 'name');
      const aliases = [...new Set(command.data.aliases.map(normaliseSkillName))].filter((a) => a && a !== normaliseSkillName(name));
      if (state.status === 'registered') {
        if (state.name === name.trim()) return [];
        throw new DomainError('ALREADY_EXISTS', `Skill ${skillId} is already registered as ${state.name}`, 'skillId');
      }
      return [{ type: 'SkillRegistered', data: { skillId, name: name.trim(), aliases } }];
    }
    case 'AddSkillAlias': {
      if (state.status !== 'registered') throw new DomainError('NOT_FOUND', `Skill ${command.data.skillId} is unknown`, 'skillId');
      const alias = normaliseSkillName(command.data.alias);
      if (!alias) throw new DomainError('VALIDATION_FAILED', 'An alias cannot be empty', 'alias');
      if (state.aliases.includes(alias) || normaliseSkillName(state.name) === alias) return [];
      return [{ type: 'SkillAliasAdded', data: { skillId: command.data.skillId, alias } }];
    }
    default:
      return assertNever(command);
  }
}

/** The skill decider as one value, for command handlers and tests. */
export const skillDecider: Decider<SkillCommand, SkillEvent, SkillState> = { decide: decideSkill, evolve: evolveSkill, initialState: initialSkillState };
