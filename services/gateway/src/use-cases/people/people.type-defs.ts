/** The people use case's part of the GraphQL schema (interpolated into schema/type-defs.ts). */
export const peopleTypeDefs = /* GraphQL */ `
  extend type Mutation {
    """
    Record a joiner (HRIS integrations and admins: role hris or admin). The same handler as the HRIS
    feed; pass idempotencyKey (e.g. the HR system's event id) so a retry records nothing twice.
    """
    recordJoiner(input: RecordJoinerInput!): PeoplePayload!
    "Record a team, manager or title change (roles hris, admin)."
    recordMover(input: RecordMoverInput!): PeoplePayload!
    "Record a leaver (roles hris, admin)."
    recordLeaver(input: RecordLeaverInput!): PeoplePayload!
    """
    Import an HR export (roles hris, admin): one row per person as they are now; joiners, movers and
    leavers follow from what is recorded. Any bad row refuses the whole file (nothing is recorded);
    dryRun reports what would happen and records nothing. Importing the same file again changes nothing.
    """
    importPeople(input: ImportPeopleInput!): ImportPeoplePayload!
  }

  input RecordJoinerInput {
    engineerId: ID!
    name: String!
    email: String!
    title: String!
    teamId: ID!
    teamName: String!
    "null: no manager."
    managerId: ID
    "YYYY-MM-DD"
    joinedOn: String!
    "Optional: a retry with the same key changes nothing and answers changed: false."
    idempotencyKey: String
  }

  input RecordMoverInput {
    engineerId: ID!
    teamId: ID!
    teamName: String!
    "The manager from now on (null: none)."
    managerId: ID
    "null keeps the current title."
    title: String
    "YYYY-MM-DD"
    movedOn: String!
    idempotencyKey: String
  }

  input RecordLeaverInput {
    engineerId: ID!
    "YYYY-MM-DD"
    leftOn: String!
    idempotencyKey: String
  }

  type PeoplePayload {
    engineer: Engineer
    "false when nothing changed (a replayed idempotencyKey, or already so)."
    changed: Boolean!
    "Global position of the events written; pass it to waitForPosition."
    position: String!
  }

  enum PeopleFileFormat {
    "A header row employeeId,name,email,title,teamId,teamName,managerId,startDate[,leftOn][,movedOn], then a row per person."
    CSV
    "An array of objects with the same names."
    JSON
  }

  input ImportPeopleInput {
    format: PeopleFileFormat!
    "The file's text (at most 2 MB and 5,000 rows)."
    content: String!
    dryRun: Boolean = false
  }

  enum PeopleChange {
    JOINER
    MOVER
    LEAVER
    UNCHANGED
    ERROR
  }

  type PeopleImportRow {
    "Line in the file where the row starts."
    line: Int!
    "Row number (1-based, without the header)."
    row: Int!
    employeeId: ID
    change: PeopleChange!
  }

  type PeopleImportIssue {
    line: Int
    row: Int
    "The column at fault."
    field: String
    "A stable name for the problem, e.g. INVALID_VALUE, DUPLICATE_EMPLOYEE, UNKNOWN_MANAGER."
    code: String!
    message: String!
    value: String
  }

  type ImportPeoplePayload {
    dryRun: Boolean!
    "true when the rows were recorded (not a dry run, no errors)."
    applied: Boolean!
    joiners: Int!
    movers: Int!
    leavers: Int!
    unchanged: Int!
    rows: [PeopleImportRow!]!
    "Only in a dry run: a real import with errors is refused with BAD_USER_INPUT listing them in extensions.errors."
    errors: [PeopleImportIssue!]!
    warnings: [PeopleImportIssue!]!
    changed: Boolean!
    position: String!
  }
`;
