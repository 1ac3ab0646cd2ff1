/**
 * The team part of findEngineers. An engineer's team is the `teamId` on their node: their team, or for a
 * leaver the last team they were in (a leaver has no MEMBER_OF any more: team member counts are today's).
 * So `team` with includeLeavers (or with asOf, for a leaver who was there then) finds leavers too; the
 * status condition (engineers-as-of.ts) says who counts. One seek in `engineer_team`.
 */
export const teamMatch = 'MATCH (e:Engineer) WHERE e.teamId = $teamId';

/** The same, as a condition, when the search starts from levels. */
export const teamCondition = 'AND e.teamId = $teamId';
