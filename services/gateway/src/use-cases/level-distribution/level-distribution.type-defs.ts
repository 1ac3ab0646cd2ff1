/** levelDistribution: engineers per level per team, manager or none, with the median, for stacked bars and heatmaps. */
export const levelDistributionTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Engineers per demonstrated level on a competency (overall, or within a skill), per team, per manager or in
    one group, with the median: one request per heatmap row instead of one per cell. With asOf (YYYY-MM-DD or
    an ISO instant, not in the future) the levels as they stood then, from the level history, counting the
    engineers who were there then (teams and managers are today's). With several frameworks an engineer counts
    at their highest level. Panel, admin and the demo visitor count everyone; other engineers (directors,
    managers) count themselves and everyone below them in the reporting line.
    """
    levelDistribution(competency: String!, skill: String, groupBy: LevelGroupBy! = NONE, filter: LevelAggregateFilter, asOf: String): LevelDistribution!
  }

  enum LevelGroupBy {
    TEAM
    MANAGER
    NONE
  }

  input LevelAggregateFilter {
    "Only levels demonstrated against this framework."
    framework: ID
    "Only the current members of this team."
    team: ID
  }

  type LevelCount {
    level: Int!
    "Engineers at exactly this level."
    count: Int!
  }

  type LevelDistribution {
    competency: Competency!
    "null: the competency overall."
    skill: Skill
    groupBy: LevelGroupBy!
    "The instant the levels stand at; null: now."
    asOf: String
    "By team id or manager id (engineers without a manager first); NONE: exactly one group."
    groups: [LevelDistributionGroup!]!
  }

  type LevelDistributionGroup {
    "The team id (TEAM), the manager's id (MANAGER; null without a manager), null (NONE)."
    groupId: ID
    team: Team
    manager: Engineer
    "Levels 1 and up, ascending; a level nobody in the group holds is left out."
    counts: [LevelCount!]!
    "Engineers with a level in the group."
    total: Int!
    "The median level (the mean of the middle two for an even total); null when total is 0."
    median: Float
  }
`;
