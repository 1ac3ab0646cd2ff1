/** The audit-trail use case's part of the GraphQL schema (interpolated into schema/type-defs.ts). */
export const auditTrailTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Who did what, when and why, read from the event log (role admin only). Name exactly one subject:
    an engineer (their profile, levels and evidence), an evidence item, or a framework. Oldest first.
    """
    auditTrail(engineerId: ID, evidenceId: ID, frameworkId: ID, "1 to 100" first: Int = 50, after: String): AuditTrail!
  }

  enum AuditSubjectKind {
    ENGINEER
    EVIDENCE
    FRAMEWORK
  }

  type AuditTrail {
    subjectKind: AuditSubjectKind!
    subjectId: ID!
    nodes: [AuditEvent!]!
    edges: [AuditEventEdge!]!
    pageInfo: PageInfo!
  }

  type AuditEventEdge {
    node: AuditEvent!
    cursor: String!
  }

  "One stored event: who did what, when and why."
  type AuditEvent {
    "Global position in the event log."
    position: String!
    eventId: ID!
    stream: String!
    "The stored event type, e.g. EvidenceRejected."
    eventType: String!
    "The event type in words, e.g. Evidence rejected."
    action: String!
    "Facts that are not personal data: versions, levels, teams, changed fields."
    summary: String
    "Why, when the event says: a rejection reason, a calibration rationale, a level change reason, an endorsement comment, confirmed retirements."
    reason: String
    actor: AuditActor!
    "When it happened (ISO-8601)."
    occurredAt: String!
    "When the log stored it (ISO-8601)."
    recordedAt: String!
    correlationId: String!
    causationId: String
  }

  type AuditActor {
    "An engineer id, system:<name> or hris:<source>."
    id: ID!
    "The roles the actor held when they acted; null for events recorded before roles were, and for the platform's own."
    roles: [String!]
    "The engineer, when the actor is one."
    engineer: Engineer
  }
`;
