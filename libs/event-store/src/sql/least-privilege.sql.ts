/**
 * What the role the product writes with needs in PostgreSQL, and no more: it reads and appends events
 * but cannot update, delete or truncate them (no privilege, and the append-only triggers besides), and
 * it owns nothing, so it can neither drop nor disable those triggers. Another role owns the tables and
 * runs the migrations (docs/audit.md).
 */
export function writerGrants(role: string, schema = 'public'): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role) || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`writerGrants: ${JSON.stringify(role)} / ${JSON.stringify(schema)} must be plain lower-case SQL identifiers`);
  }
  return [
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `GRANT SELECT ON ${schema}.sg_migrations TO ${role}`,
    `GRANT SELECT, INSERT ON ${schema}.sg_events TO ${role}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${schema}.sg_events FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE ON ${schema}.sg_streams TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE ON ${schema}.sg_checkpoints TO ${role}`,
    // Personal-data keys: created on first use, erased by setting the key to NULL (docs/erasure.md).
    `GRANT SELECT, INSERT, UPDATE ON ${schema}.sg_personal_data_keys TO ${role}`,
    `GRANT EXECUTE ON FUNCTION ${schema}.sg_append(text, text, uuid[], text[], integer[], text[], text[], boolean) TO ${role}`,
    // sg_append takes global positions from this sequence (migration 6 grants it to existing writer roles).
    `GRANT USAGE ON SEQUENCE ${schema}.sg_global_position TO ${role}`,
  ];
}
