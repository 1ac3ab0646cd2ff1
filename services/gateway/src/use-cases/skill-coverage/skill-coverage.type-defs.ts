/** skillCoverage: where knowledge is held by fewer than two people (the bus factor), across the organisation and per team. */
export const skillCoverageTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Per registered skill, the engineers holding it at minLevel or above (on competency, or on any competency
    within the skill), flagged atRisk when fewer than two hold it: across the scope, and per team where the team
    has a holder. team narrows the scope to that team's current members. With asOf, as the levels stood then
    (from the level history), counting the engineers who were there then. Panel, admin and the demo visitor count
    everyone; other engineers count themselves and everyone below them in the reporting line.
    """
    skillCoverage(minLevel: Int!, team: ID, competency: String, framework: ID, asOf: String): SkillCoverage!
  }

  type SkillCoverage {
    minLevel: Int!
    "null: any competency within each skill."
    competency: Competency
    "The instant the levels stand at; null: now."
    asOf: String
    "Every registered skill, by id, zero holders included."
    organisation: [SkillCoverageEntry!]!
    "Per team (by id) and skill, where the team has at least one holder."
    teams: [SkillCoverageEntry!]!
  }

  type SkillCoverageEntry {
    skill: Skill!
    "null: across the whole scope."
    team: Team
    holders: Int!
    "The only holder, when there is exactly one."
    soleHolder: Engineer
    "Fewer than two holders: the knowledge leaves with one person."
    atRisk: Boolean!
  }
`;
