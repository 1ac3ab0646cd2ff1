/** Approval delegation: a manager names who approves and rejects their reports' evidence while they are away. */
export const delegateApprovalsTypeDefs = /* GraphQL */ `
  extend type Mutation {
    """
    Name a delegate who approves and rejects your reports' evidence (all of them, or reportIds) until
    \`until\` (an ISO instant, at most 366 days ahead). Managers only: the caller must have reports.
    Delegating to the same person again replaces the earlier delegation.
    """
    delegateApprovals(input: DelegateApprovalsInput!): MutationPayload!
    "End a delegation before it expires (changed: false when there was none)."
    revokeDelegation(delegateId: ID!): MutationPayload!
  }

  input DelegateApprovalsInput {
    "The engineer who may approve and reject for you."
    delegateId: ID!
    "ISO-8601 instant; the delegation holds until then."
    until: String!
    "Only these direct reports (default: all of them)."
    reportIds: [ID!]
  }
`;
