/** progression: level counts at the end of each month or quarter, from the level history. */
export const progressionTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Engineers per demonstrated level on a competency (overall, or within a skill) at the end of each month or
    quarter from the one holding \`from\` to the one holding \`to\` (YYYY-MM-DD, not in the future; at most 60
    intervals), from the level history, counting the engineers who were there then (teams are today's). The
    current interval's counts are today's. Panel, admin and the demo visitor count everyone; other engineers
    count themselves and everyone below them in the reporting line.
    """
    progression(competency: String!, skill: String, team: ID, framework: ID, from: String!, to: String!, interval: ProgressionInterval! = MONTH): Progression!
  }

  enum ProgressionInterval {
    MONTH
    QUARTER
  }

  type Progression {
    competency: Competency!
    "null: the competency overall."
    skill: Skill
    interval: ProgressionInterval!
    "Oldest first."
    points: [ProgressionPoint!]!
  }

  type ProgressionPoint {
    "The interval's first day (YYYY-MM-DD)."
    periodStart: String!
    "The instant the counts stand at: the interval's last millisecond."
    asOf: String!
    counts: [LevelCount!]!
    total: Int!
    median: Float
  }
`;
