import { peopleTypeDefs } from '../use-cases/people/people.type-defs.js';
import { delegateApprovalsTypeDefs } from '../use-cases/delegate-approvals/delegate-approvals.type-defs.js';
import { auditTrailTypeDefs } from '../use-cases/audit-trail/audit-trail.type-defs.js';
import { eraseEngineerTypeDefs } from '../use-cases/erase-engineer/erase-engineer.type-defs.js';
import { gapToNextLevelTypeDefs } from '../use-cases/gap-to-next-level/gap-to-next-level.type-defs.js';
import { promotionReadinessTypeDefs } from '../use-cases/promotion-readiness/promotion-readiness.type-defs.js';
import { findEngineersTypeDefs } from '../use-cases/find-engineers/find-engineers.type-defs.js';
import { levelDistributionTypeDefs } from '../use-cases/level-distribution/level-distribution.type-defs.js';
import { skillCoverageTypeDefs } from '../use-cases/skill-coverage/skill-coverage.type-defs.js';
import { progressionTypeDefs } from '../use-cases/progression/progression.type-defs.js';

/**
 * The GraphQL schema of the gateway. `services/gateway/schema.graphql` is this, printed; a test fails
 * when the two disagree (regenerate with `npm run schema:print`).
 */
export const typeDefs = /* GraphQL */ `
  """
  Org-wide questions over the skills graph. Levels are derived from approved evidence; every level
  carries the evidence that proves it.
  """
  type Query {
    """
    Engineers matching a filter, ordered by name. "Who is L5 on Mastery in Go":
    engineers(filter: {competency: "Mastery", skill: "Go", level: 5}).
    Pass a mutation's position as waitForPosition to read your own write.
    """
    engineers(filter: EngineerFilter, first: Int = 20, after: String, waitForPosition: String): EngineerConnection!
    engineer(id: ID!): Engineer
    evidence(id: ID!): Evidence
    frameworks: [FrameworkSummary!]!
    "A framework version; without version, the current one (the one published last; else the latest)."
    framework(id: ID!, version: Int): FrameworkVersion
    skills: [Skill!]!
    teams: [Team!]!
  }

  input EngineerFilter {
    "Only levels demonstrated against this framework; default: any framework."
    framework: ID
    "Competency id or name, e.g. mastery or Mastery. Required with level and levelAtLeast."
    competency: String
    "Exactly this demonstrated level."
    level: Int
    "This demonstrated level or higher."
    levelAtLeast: Int
    "Skill id, name or alias (golang finds Go). With a competency, levels are those demonstrated within the skill."
    skill: String
    "A team's members; with includeLeavers (or asOf) also those who left it, by the last team they were in."
    team: ID
    "Leavers too: someone who has left, from their leaving day (an engineer recorded ahead of their day is not there until it comes)."
    includeLeavers: Boolean = false
    "YYYY-MM-DD or an ISO instant, not in the future: the level part is judged on the levels as they stood then, counting those who were there then (teams and reporting lines are today's)."
    asOf: String
  }

  type EngineerConnection {
    totalCount: Int!
    nodes: [Engineer!]!
    edges: [EngineerEdge!]!
    pageInfo: PageInfo!
  }

  type EngineerEdge {
    cursor: String!
    node: Engineer!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  enum EngineerStatus {
    ACTIVE
    LEFT
  }

  type Engineer {
    id: ID!
    name: String!
    "null unless you may read it: the engineer, their managers up the line, hris and admin (docs/access-policy.md)."
    email: String
    title: String!
    status: EngineerStatus!
    joinedOn: String!
    "The day they left (YYYY-MM-DD); null while employed. A leaver recorded ahead of that day is ACTIVE until it comes."
    leftOn: String
    "Their team; for a leaver, the last team they were in."
    team: Team
    manager: Engineer
    """
    Demonstrated levels, overall (skill null) and within skills; filter by competency and skill.
    asOf (YYYY-MM-DD, or an ISO instant) gives the levels as they stood then.
    """
    levels(competency: String, skill: String, asOf: String): [DemonstratedLevel!]!
    evidence(status: EvidenceStatus): [Evidence!]!
    "Every level a promotion panel calibrated, oldest first (the last of a competency is its current one); filter by competency id or name."
    calibratedLevels(competency: String): [CalibratedLevel!]!
    "Per competency, the level the evidence demonstrates beside the panel's current calibration (either may be null)."
    competencyLevels(competency: String): [CompetencyLevels!]!
  }

  "A level a promotion panel recorded for one competency, with why and who."
  type CalibratedLevel {
    competency: Competency!
    level: Int!
    rationale: String!
    "The panel's members."
    panel: [Engineer!]!
    "Who recorded the calibration (the caller of calibrateLevel)."
    calibratedBy: Engineer
    calibratedById: ID!
    calibratedAt: String!
  }

  "One competency of an engineer: demonstrated and calibrated side by side."
  type CompetencyLevels {
    competency: Competency!
    "The overall demonstrated level (across skills) with its evidence; null when none. With several frameworks, the highest."
    demonstrated: DemonstratedLevel
    "The panel's current calibration; null when none."
    calibrated: CalibratedLevel
  }

  type DemonstratedLevel {
    competency: Competency!
    "null: across all skills."
    skill: Skill
    level: Int!
    "The approved evidence that proves this level."
    evidence: [Evidence!]!
    frameworkId: ID!
    frameworkVersion: Int!
    computedAt: String!
  }

  type Competency {
    id: ID!
    name: String!
    description: String
  }

  type Skill {
    id: ID!
    name: String!
    aliases: [String!]!
  }

  type Team {
    id: ID!
    name: String!
    memberCount: Int!
  }

  enum EvidenceKind {
    PULL_REQUEST
    RFC
    INCIDENT
    DESIGN
    TALK
    MENTORING
    REVIEW
  }

  enum EvidenceStatus {
    SUBMITTED
    APPROVED
    REJECTED
    WITHDRAWN
  }

  type Evidence {
    id: ID!
    kind: EvidenceKind!
    title: String!
    url: String
    "The day the work happened (YYYY-MM-DD)."
    date: String!
    status: EvidenceStatus!
    engineer: Engineer
    projectId: ID
    skills: [Skill!]!
    behaviours: [Behaviour!]!
    endorsedBy: [Engineer!]!
    reviewedBy: Engineer
    rejectionReason: String
    submittedAt: String!
  }

  type Behaviour {
    id: ID!
    level: Int!
    competency: Competency!
    text: String!
    notes: [String!]!
    examples: [String!]!
    "false once a newer edition dropped it; evidence keeps pointing at it."
    current: Boolean!
  }

  type FrameworkSummary {
    id: ID!
    name: String!
    latestVersion: Int!
    "The current version: the one published last (publishing an older version makes it current again)."
    publishedVersion: Int
    "Same as publishedVersion."
    currentVersion: Int
    "The current version in full (the one published last; else the latest): what framework(id) answers, here so a list needs no second request."
    current: FrameworkVersion
  }

  type FrameworkVersion {
    id: ID!
    version: Int!
    name: String!
    "Was ever published."
    published: Boolean!
    "The framework's current version (exactly one is, once any was published); levels are assessed against it."
    current: Boolean!
    importedAt: String!
    levels: [FrameworkLevel!]!
    competencies: [Competency!]!
    behaviours(competency: String, level: Int): [Behaviour!]!
    policy: LevelPolicy!
    "What this edition changed compared with the previous version."
    changes: EditionChanges!
    "Lines the importer could not place with certainty (plain-text imports)."
    warnings: [String!]!
  }

  type FrameworkLevel {
    level: Int!
    name: String
    summary: String
  }

  type LevelPolicy {
    coverageShare: Float!
    minimumEvidence: Int!
    recencyWindowDays: Int
  }

  type EditionChanges {
    added: [ID!]!
    removed: [ID!]!
    reworded: [Rewording!]!
    moved: [ID!]!
  }

  "A text change of a behaviour the edition keeps."
  type Rewording {
    id: ID!
    from: String!
    to: String!
    kind: TextChangeKind!
  }

  enum TextChangeKind {
    "The words changed."
    REWORDED
    "Only letter case, punctuation, quote marks, accents or spacing changed."
    CASE_OR_PUNCTUATION
  }

  type Mutation {
    "Import a framework file as a new version (identical content is recognised and stored once)."
    importFramework(input: ImportFrameworkInput!): ImportFrameworkPayload!
    "Make a version the current one (an older one too). Retiring a whole competency or over 20% of the current behaviours needs confirmRetirements."
    publishFramework(id: ID!, version: Int!, confirmRetirements: Boolean = false): PublishFrameworkPayload!
    "Add a skill (or aliases to it) to the catalogue. Framework owners and admins."
    registerSkill(input: RegisterSkillInput!): MutationPayload!
    "Submit evidence: for yourself, or as the engineer's current manager or a delegate they named."
    submitEvidence(input: SubmitEvidenceInput!): EvidencePayload!
    "Endorse someone else's submitted evidence (any current engineer but its owner)."
    endorseEvidence(id: ID!, comment: String): EvidencePayload!
    "Approve: only the engineer's current manager, or a delegate they named (delegateApprovals) until it expires."
    approveEvidence(id: ID!): EvidencePayload!
    "Reject with a reason: only the engineer's current manager, or a delegate they named."
    rejectEvidence(id: ID!, reason: String!): EvidencePayload!
    "Withdraw your own evidence."
    withdrawEvidence(id: ID!): EvidencePayload!
    "Correct your own evidence: give only what changes; approved evidence goes back to review."
    amendEvidence(id: ID!, input: AmendEvidenceInput!): EvidencePayload!
    "Record a promotion panel's calibrated level for one competency (panel role). The demonstrated level stays beside it."
    calibrateLevel(input: CalibrateLevelInput!): CalibrateLevelPayload!
  }

  enum FrameworkFormat {
    AUTO
    JSON
    YAML
    FRONTMATTER
    MARKDOWN
    TEXT
  }

  input ImportFrameworkInput {
    "Stable id of the framework, e.g. backend. Lower-case letters, digits and dashes."
    frameworkId: ID!
    format: FrameworkFormat = AUTO
    "The file's text."
    content: String!
    publish: Boolean = false
    "Publish even when the version retires a whole competency or over 20% of the current behaviours."
    confirmRetirements: Boolean = false
  }

  type ImportWarning {
    line: Int!
    message: String!
  }

  type ImportFrameworkPayload {
    frameworkId: ID!
    version: Int!
    behaviourCount: Int!
    added: Int!
    removed: Int!
    reworded: Int!
    moved: Int!
    warnings: [ImportWarning!]!
    "false when this content was already imported."
    changed: Boolean!
    "Global position of the events written; pass it to waitForPosition."
    position: String!
    "Whether this version is now the current one."
    published: Boolean!
    "Why a requested publication did not happen (it needs confirmRetirements); null otherwise."
    notPublishedReason: String
  }

  type PublishFrameworkPayload {
    changed: Boolean!
    position: String!
    "Whether the version is now the current one."
    published: Boolean!
    "Why it was not published (it needs confirmRetirements); null otherwise."
    notPublishedReason: String
  }

  type MutationPayload {
    changed: Boolean!
    position: String!
  }

  input RegisterSkillInput {
    "Stable id, e.g. go. Lower-case letters, digits and dashes."
    id: ID!
    name: String!
    "Other names that should find this skill, e.g. golang."
    aliases: [String!]! = []
  }

  input SubmitEvidenceInput {
    "Optional client-chosen UUID: resubmitting with the same id is refused rather than duplicated."
    id: ID
    engineerId: ID!
    "Required when more than one framework is published; defaults to the published one."
    frameworkId: ID
    kind: EvidenceKind!
    title: String!
    url: String
    "YYYY-MM-DD"
    date: String!
    projectId: ID
    "Skill ids, names or aliases."
    skills: [String!]! = []
    behaviourIds: [ID!]!
  }

  "What an amendment changes; absent fields stay as they are, url and projectId: null clears them."
  input AmendEvidenceInput {
    title: String
    url: String
    "YYYY-MM-DD"
    date: String
    projectId: ID
    "Skill ids, names or aliases: the new list."
    skills: [String!]
    "The new list of claimed behaviours."
    behaviourIds: [ID!]
  }

  input CalibrateLevelInput {
    engineerId: ID!
    "Required when more than one framework is published; defaults to the published one."
    frameworkId: ID
    "Competency id or name, e.g. mastery or Mastery."
    competency: String!
    "One of the framework's levels."
    level: Int!
    "Why the panel chose this level (at most 2000 characters)."
    rationale: String!
    "Engineer ids of the panel's members (1 to 20)."
    panel: [ID!]!
  }

  type CalibrateLevelPayload {
    "The calibration as recorded."
    calibratedLevel: CalibratedLevel
    engineer: Engineer
    changed: Boolean!
    position: String!
  }

  type EvidencePayload {
    evidence: Evidence
    changed: Boolean!
    position: String!
  }
${peopleTypeDefs}
${delegateApprovalsTypeDefs}
${auditTrailTypeDefs}
${eraseEngineerTypeDefs}
${gapToNextLevelTypeDefs}
${promotionReadinessTypeDefs}
${findEngineersTypeDefs}
${levelDistributionTypeDefs}
${skillCoverageTypeDefs}
${progressionTypeDefs}
`;
