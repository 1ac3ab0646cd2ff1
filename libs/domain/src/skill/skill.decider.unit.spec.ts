import { describe, it } from '@jest/globals';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type SkillEvent,
  skillDecider,
} from './skill.decider.js';

const spec = deciderSpecification(skillDecider);
const registered: SkillEvent = { type: 'SkillRegistered', data: { skillId: 'go', name: 'Go', aliases: ['golang'] } };

describe('skill decider', () => {
  it('registers a skill with normalised, de-duplicated aliases', () => {
    spec.given([]).when({ type: 'RegisterSkill', data: { skillId: 'go', name: ' Go ', aliases: ['GoLang', 'golang', 'go'], registeredAt: 't' } }).then([registered]);
  });
  it('registering the same skill again changes nothing; a different name is refused', () => {
    spec.given([registered]).when({ type: 'RegisterSkill', data: { skillId: 'go', name: 'Go', aliases: [], registeredAt: 't' } }).thenNothingHappens();
    spec.given([registered]).when({ type: 'RegisterSkill', data: { skillId: 'go', name: 'Golang', aliases: [], registeredAt: 't' } }).thenThrows('ALREADY_EXISTS');
  });
  it('adds an alias once', () => {
    spec.given([registered]).when({ type: 'AddSkillAlias', data: { skillId: 'go', alias: 'Go Lang' } }).then([{ type: 'SkillAliasAdded', data: { skillId: 'go', alias: 'go lang' } }]);
    spec.given([registered]).when({ type: 'AddSkillAlias', data: { skillId: 'go', alias: 'GOLANG' } }).thenNothingHappens();
    spec.given([]).when({ type: 'AddSkillAlias', data: { skillId: 'go', alias: 'x' } }).thenThrows('NOT_FOUND');
  });
  it('refuses a nameless skill', () => {
    spec.given([]).when({ type: 'RegisterSkill', data: { skillId: 'x', name: '  ', aliases: [], registeredAt: 't' } }).thenThrows('VALIDATION_FAILED', /name/, 'name');
  });
});
