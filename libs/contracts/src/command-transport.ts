import type { Command } from '@nestjs/cqrs';
import { DomainError, type DomainErrorCode } from '@skills-graph/domain';
import type { CommandMeta } from './actor.js';
import {
  AmendEvidenceCommand,
  CalibrateLevelCommand,
  DelegateApprovalsCommand,
  EraseEngineerCommand,
  ImportFrameworkCommand,
  PublishFrameworkCommand,
  RecordJoinerCommand,
  RecordLeaverCommand,
  RecordMoverCommand,
  RegisterSkillCommand,
  ReviewEvidenceCommand,
  RevokeDelegationCommand,
  SubmitEvidenceCommand,
} from './commands.js';
import { ImportPeopleCommand } from './people-import.js';

/**
 * Commands as messages: a pattern per command type and a plain payload, so a network transport
 * (Kafka request-reply through @nestjs/microservices) can carry what the in-process CommandBus carries.
 */
type CommandClass = (new (input: never, meta: CommandMeta) => Command<unknown>) & { name: string };

const commandClasses = {
  'skills.commands.import-framework': ImportFrameworkCommand,
  'skills.commands.publish-framework': PublishFrameworkCommand,
  'skills.commands.register-skill': RegisterSkillCommand,
  'skills.commands.submit-evidence': SubmitEvidenceCommand,
  'skills.commands.review-evidence': ReviewEvidenceCommand,
  'skills.commands.amend-evidence': AmendEvidenceCommand,
  'skills.commands.calibrate-level': CalibrateLevelCommand,
  'skills.commands.record-joiner': RecordJoinerCommand,
  'skills.commands.record-mover': RecordMoverCommand,
  'skills.commands.record-leaver': RecordLeaverCommand,
  'skills.commands.erase-engineer': EraseEngineerCommand,
  'skills.commands.import-people': ImportPeopleCommand,
  'skills.commands.delegate-approvals': DelegateApprovalsCommand,
  'skills.commands.revoke-delegation': RevokeDelegationCommand,
} satisfies Record<string, CommandClass>;

export type CommandPattern = keyof typeof commandClasses;
export const commandPatterns = Object.keys(commandClasses) as CommandPattern[];

export interface CommandPayload {
  input: unknown;
  meta: CommandMeta;
}

export function commandPattern(command: Command<unknown>): CommandPattern {
  const entry = Object.entries(commandClasses).find(([, type]) => command instanceof type);
  if (!entry) throw new Error(`No message pattern for ${command.constructor.name}`);
  return entry[0] as CommandPattern;
}

export function toCommandPayload(command: Command<unknown>): CommandPayload {
  const { input, meta } = command as unknown as CommandPayload;
  return { input, meta };
}

export function reviveCommand(pattern: CommandPattern, payload: CommandPayload): Command<unknown> {
  const type = commandClasses[pattern] as unknown as new (input: unknown, meta: CommandMeta) => Command<unknown>;
  return new type(payload.input, payload.meta);
}

/** Sends a command to the service that owns it and resolves with its outcome. */
export interface CommandSender {
  send<R>(command: Command<R>): Promise<R>;
}

export const COMMAND_SENDER = Symbol('CommandSender');

/** How a refused command travels back: enough to raise the same error on the sending side. */
export interface TransportedError {
  /** Unavailable: a dependency of the command service (its event store) was down; details.dependency names it. */
  kind: 'DomainError' | 'InputError' | 'Unavailable' | 'Unexpected';
  code: string;
  message: string;
  field: string | null;
  details?: Record<string, unknown>;
}

export function isTransportedError(value: unknown): value is TransportedError {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value && 'code' in value;
}

export function reviveDomainError(error: TransportedError): DomainError {
  return new DomainError(error.code as DomainErrorCode, error.message, error.field ?? undefined);
}
