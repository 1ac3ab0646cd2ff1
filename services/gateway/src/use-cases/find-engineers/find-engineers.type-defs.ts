/** The staffing search's part of the GraphQL schema (interpolated into schema/type-defs.ts). */
export const findEngineersTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Staffing search: the current engineers meeting every requirement at once (at most 10), ranked by
    margin (how far their levels are above the ones asked, summed), then name; each with the proof of
    each requirement. Matches only engineers whose levels you may read (docs/access-policy.md): admin,
    panel and the demo visitor search everyone; a director or manager their organisation; an engineer
    themselves. Leavers are left out.
    """
    findEngineers(requirements: [StaffingRequirementInput!]!, team: ID, first: Int = 20, after: String): StaffingConnection!
  }

  input StaffingRequirementInput {
    "Competency id or name, e.g. mastery or Mastery."
    competency: String!
    "Skill id, name or alias (golang finds Go); omitted: the overall level on the competency."
    skill: String
    "The level asked for, at least 1: this level or higher meets it."
    levelAtLeast: Int!
  }

  type StaffingConnection {
    totalCount: Int!
    nodes: [StaffingMatch!]!
    pageInfo: PageInfo!
  }

  type StaffingMatch {
    engineer: Engineer!
    "Sum over the requirements of (level - levelAtLeast)."
    margin: Int!
    "One per requirement, in the order asked."
    requirements: [RequirementProof!]!
    "Pass as after to read the matches after this one."
    cursor: String!
  }

  "How an engineer meets one requirement: their highest level on it (any framework) and the evidence behind it."
  type RequirementProof {
    competency: Competency!
    "null: the overall level on the competency."
    skill: Skill
    levelAtLeast: Int!
    level: Int!
    frameworkId: ID!
    evidenceIds: [ID!]!
    "The approved evidence proving the level (what you may read of it)."
    evidence: [Evidence!]!
  }
`;
