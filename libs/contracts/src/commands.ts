import { Command } from '@nestjs/cqrs';
import type { EvidenceDetails } from '@skills-graph/domain';
import type { CommandMeta, CommandOutcome } from './actor.js';

// Commands the gateway (or a Kafka consumer) sends to the owning service. In embedded mode they travel
// on the in-process CommandBus; the payloads are plain data so a network transport can carry them too.

export type FrameworkFileFormat = 'auto' | 'json' | 'yaml' | 'frontmatter' | 'markdown' | 'text';

export interface FrameworkImportOutcome extends CommandOutcome {
  frameworkId: string;
  version: number;
  behaviourCount: number;
  added: number;
  removed: number;
  reworded: number;
  moved: number;
  warnings: { line: number; message: string }[];
  /** Whether this version is now the framework's current (published) one. */
  published: boolean;
  /** Why a requested publication did not happen (it needs confirmRetirements), else null. */
  notPublishedReason: string | null;
}

export interface FrameworkPublishOutcome extends CommandOutcome {
  /** Whether the version is now the framework's current one. */
  published: boolean;
  /** Why it was not published (it needs confirmRetirements), else null. */
  notPublishedReason: string | null;
}

export class ImportFrameworkCommand extends Command<FrameworkImportOutcome> {
  constructor(
    readonly input: { frameworkId: string; format: FrameworkFileFormat; content: string; publish: boolean; confirmRetirements?: boolean },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class PublishFrameworkCommand extends Command<FrameworkPublishOutcome> {
  constructor(
    readonly input: { frameworkId: string; version: number; confirmRetirements?: boolean },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class RegisterSkillCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: { skillId: string; name: string; aliases: string[] },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export interface EvidenceOutcome extends CommandOutcome {
  evidenceId: string;
}

export interface SubmitEvidenceInput extends EvidenceDetails {
  evidenceId: string;
  engineerId: string;
  frameworkId: string;
}

export class SubmitEvidenceCommand extends Command<EvidenceOutcome> {
  constructor(
    readonly input: SubmitEvidenceInput,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export type EvidenceReview =
  | { action: 'endorse'; comment: string | null }
  | { action: 'approve' }
  | { action: 'reject'; reason: string }
  | { action: 'withdraw' };

export class ReviewEvidenceCommand extends Command<EvidenceOutcome> {
  constructor(
    readonly input: { evidenceId: string; review: EvidenceReview },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export interface JoinerInput {
  engineerId: string;
  name: string;
  email: string;
  title: string;
  teamId: string;
  teamName: string;
  managerId: string | null;
  joinedOn: string;
}

export class RecordJoinerCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: JoinerInput,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class RecordMoverCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: { engineerId: string; teamId: string; teamName: string; managerId: string | null; title: string | null; movedOn: string },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class RecordLeaverCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: { engineerId: string; leftOn: string },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** What an amendment may change: any detail but the kind; url and projectId may be cleared with null. */
export type EvidenceChanges = Partial<Pick<EvidenceDetails, 'title' | 'url' | 'date' | 'projectId' | 'skillIds' | 'behaviourIds'>>;

export class AmendEvidenceCommand extends Command<EvidenceOutcome> {
  constructor(
    readonly input: { evidenceId: string; changes: EvidenceChanges },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export interface CalibrateLevelInput {
  engineerId: string;
  /** The framework whose levels and competencies the calibration uses. */
  frameworkId: string;
  competencyId: string;
  level: number;
  rationale: string;
  /** Engineer ids of the panel members. */
  panel: string[];
}

export class CalibrateLevelCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: CalibrateLevelInput,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** A manager names a delegate who approves and rejects their reports' evidence until `until` (reportIds null: all reports). */
export class DelegateApprovalsCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: { delegateId: string; until: string; reportIds: string[] | null },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** A manager ends a delegation early. */
export class RevokeDelegationCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: { delegateId: string },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * Erase an engineer's personal data (GDPR article 17): their key is deleted, so the personal fields of
 * every event about them (name, e-mail, evidence text, comments, reasons, rationales) can no longer be
 * read anywhere; EngineerErased tells the read models. hris or admin; erasing again changes nothing.
 */
export class EraseEngineerCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: { engineerId: string },
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
