/** gapToNextLevel, the LevelGap type promotionReadiness shares, and the evidence-source mix of every level claim. */
export const gapToNextLevelTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    What an engineer still needs for the next level of a competency (overall, or within a skill), by the
    level rule of the published framework (named, or the only one published) on the evidence approved now:
    the policy's share and minimum evidence, the next level's behaviours with the evidence that already
    counts for each, and those still missing. With asOf (YYYY-MM-DD or an ISO instant, not in the future) the
    gap as it stood then: the evidence approved at that instant (with its content as it is today), the recency
    window judged then, against today's published version. The engineer, their managers up the line (directors
    of their organisation), panel, admin and the demo visitor may ask; others get FORBIDDEN, an unknown engineer NOT_FOUND.
    """
    gapToNextLevel(engineerId: ID!, competency: String!, skill: String, framework: ID, asOf: String): LevelGap!
  }

  type LevelGap {
    engineer: Engineer!
    competency: Competency!
    "null: across all skills."
    skill: Skill
    frameworkId: ID!
    frameworkVersion: Int!
    "The level demonstrated now, or at asOf (0: none yet)."
    level: Int!
    "The approved evidence that proves it."
    evidence: [Evidence!]!
    "What that evidence stands on: self-reported, linked to an artefact, peer-endorsed."
    sources: EvidenceSources!
    "The next level with behaviours in the competency; null at the top."
    nextLevel: Int
    policy: LevelPolicy!
    "Every behaviour of the next level, with the evidence that already counts for it."
    behaviours: [BehaviourCoverage!]!
    "The next level's behaviours no counted evidence claims yet."
    missing: [Behaviour!]!
    "Behaviours the next level needs covered (its share of them, rounded up)."
    behavioursRequired: Int!
    behavioursCovered: Int!
    behavioursStillNeeded: Int!
    "Distinct evidence items counted at the next level, and the policy's minimum."
    evidenceCounted: Int!
    evidenceRequired: Int!
    evidenceStillNeeded: Int!
    "One more approved item claiming one missing behaviour would reach the next level."
    oneBehaviourAway: Boolean!
  }

  type BehaviourCoverage {
    behaviour: Behaviour!
    covered: Boolean!
    "Approved evidence in the recency window (and within the skill, when one is asked) claiming it."
    evidence: [Evidence!]!
  }

  "How many proofs of a level claim are self-reported (no URL, no endorsement), linked to an artefact (a URL: PR, RFC, incident) and peer-endorsed; an item with both a URL and an endorsement counts in both."
  type EvidenceSources {
    selfReported: Int!
    withArtefact: Int!
    peerEndorsed: Int!
    total: Int!
  }

  extend type DemonstratedLevel {
    "What the level stands on: how many of its proofs are self-reported, linked to an artefact, peer-endorsed."
    sources: EvidenceSources!
  }
`;
