/** promotionReadiness: who may be ready, with the evidence. */
export const promotionReadinessTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Current engineers whose demonstrated level on a competency (across all skills, by the level rule of the
    published framework on the evidence approved now) is above the panel's current calibration, or who are
    one behaviour from the next level; by name, then competency, each with the gap and its evidence. Panel,
    admin and the demo visitor see everyone; other engineers (directors, managers) themselves and everyone
    below them in the reporting line; service principals without those roles get FORBIDDEN. With asOf
    (YYYY-MM-DD or an ISO instant, not in the future) readiness as it stood then: the engineers who were there
    then, the evidence approved then (its content as it is today), the calibrations recorded by then, the
    recency window judged then; teams, reporting lines and the published version are today's.
    """
    promotionReadiness(filter: PromotionReadinessFilter, asOf: String): [PromotionCandidate!]!
  }

  input PromotionReadinessFilter {
    "A published framework; default: the only one published."
    framework: ID
    "A competency id or name; default: every competency of the framework."
    competency: String
    "Only the current members of this team."
    team: ID
  }

  enum PromotionReason {
    "The demonstrated level is above the panel's current calibration."
    ABOVE_CALIBRATION
    "One more approved item claiming one missing behaviour would reach the next level."
    ONE_BEHAVIOUR_AWAY
  }

  type PromotionCandidate {
    engineer: Engineer!
    competency: Competency!
    demonstratedLevel: Int!
    "The panel's current calibration (with asOf: the last recorded by then); null when never calibrated."
    calibratedLevel: Int
    reasons: [PromotionReason!]!
    "The gap to the next level, with the evidence that proves the demonstrated one."
    gap: LevelGap!
  }
`;
