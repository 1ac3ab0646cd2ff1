/**
 * The Neo4j graph's constraints and indexes, created at start (idempotent). Each query the API offers
 * starts from one of these: "who is L5 on Mastery in Go" is one lookup in `demonstrated_level_lookup`
 * followed by one hop to the engineer.
 *
 *   (:Engineer)-[:MEMBER_OF]->(:Team)              (:Engineer)-[:REPORTS_TO]->(:Engineer)
 *   (:Engineer)-[:DEMONSTRATES]->(:DemonstratedLevel)-[:PROVEN_BY]->(:Evidence)
 *   (:Engineer)-[:LEVEL_HISTORY]->(:LevelRecord)   (:Engineer)-[:CALIBRATED]->(:Calibration)
 *   (:Evidence)-[:EVIDENCE_OF]->(:Engineer)   (:Evidence)-[:TAGGED]->(:Skill)   (:Evidence)-[:CLAIMS]->(:Behaviour)
 *   (:Evidence)-[:FOR_PROJECT]->(:Project)    (:SkillName)-[:NAMES]->(:Skill)
 *   (:Framework)-[:HAS_VERSION]->(:FrameworkVersion)-[:INCLUDES]->(:Behaviour)-[:IN_COMPETENCY]->(:Competency)
 *   (:ProjectionCheckpoint {name, position, levelTally})   (:HeldChange {engineerId, effectiveOn, position, json})
 *   (:LevelTally {key, cover, members})
 */
export const graphSchemaStatements: string[] = [
  'CREATE CONSTRAINT engineer_id IF NOT EXISTS FOR (n:Engineer) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT team_id IF NOT EXISTS FOR (n:Team) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT skill_name IF NOT EXISTS FOR (n:SkillName) REQUIRE n.name IS UNIQUE',
  'CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT behaviour_id IF NOT EXISTS FOR (n:Behaviour) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT competency_id IF NOT EXISTS FOR (n:Competency) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT framework_id IF NOT EXISTS FOR (n:Framework) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT framework_version_key IF NOT EXISTS FOR (n:FrameworkVersion) REQUIRE n.key IS UNIQUE',
  'CREATE CONSTRAINT demonstrated_level_key IF NOT EXISTS FOR (n:DemonstratedLevel) REQUIRE n.key IS UNIQUE',
  'CREATE CONSTRAINT checkpoint_name IF NOT EXISTS FOR (n:ProjectionCheckpoint) REQUIRE n.name IS UNIQUE',
  'CREATE INDEX demonstrated_level_lookup IF NOT EXISTS FOR (n:DemonstratedLevel) ON (n.competencyId, n.skillId, n.level)',
  'CREATE INDEX demonstrated_level_skill IF NOT EXISTS FOR (n:DemonstratedLevel) ON (n.skillId)',
  'CREATE INDEX engineer_name IF NOT EXISTS FOR (n:Engineer) ON (n.name)',
  // An engineer's team, or a leaver's last one: findEngineers by team, leavers included (queries/find-engineers.ts).
  'CREATE INDEX engineer_team IF NOT EXISTS FOR (n:Engineer) ON (n.teamId)',
  // Joiners, movers and leavers held until their effective day (held-changes.ts).
  'CREATE INDEX held_change_day IF NOT EXISTS FOR (n:HeldChange) ON (n.effectiveOn)',
  // A competency and skill's level records up to an instant, or a skill's alone (levels as they stood then).
  'CREATE INDEX level_record_lookup IF NOT EXISTS FOR (n:LevelRecord) ON (n.competencyId, n.skillId, n.computedAt)',
  'CREATE INDEX level_record_skill IF NOT EXISTS FOR (n:LevelRecord) ON (n.skillId)',
  'CREATE INDEX framework_version_framework IF NOT EXISTS FOR (n:FrameworkVersion) ON (n.frameworkId)',
  // Current levels counted per team and manager (level-tally-projection.ts): a tally by key, or many by the start of their cover (values from the index).
  'CREATE CONSTRAINT level_tally_key IF NOT EXISTS FOR (n:LevelTally) REQUIRE n.key IS UNIQUE',
  'CREATE INDEX level_tally_cover IF NOT EXISTS FOR (n:LevelTally) ON (n.cover)',
];
