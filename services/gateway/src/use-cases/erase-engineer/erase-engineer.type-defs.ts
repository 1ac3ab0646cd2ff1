/** Erasure of an engineer's personal data (crypto-shredding; docs/erasure.md). */
export const eraseEngineerTypeDefs = /* GraphQL */ `
  extend type Mutation {
    """
    Erase an engineer's personal data (GDPR article 17): their name, e-mail, the titles and URLs of their
    evidence, comments, rejection reasons and calibration rationales become unreadable everywhere (the log,
    both graphs, rebuilds); levels, evidence ids and counts stay. Roles hris or admin. Cannot be undone;
    erasing again changes nothing (changed: false).
    """
    eraseEngineer(id: ID!): PeoplePayload!
  }

  extend type Engineer {
    "Whether the engineer's personal data was erased: name reads 'Erased engineer', email null, their evidence titles '[erased]'."
    erased: Boolean!
  }
`;
