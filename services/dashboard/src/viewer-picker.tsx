import { useEffect, useId, useState } from 'react';
import { graphql } from './api/graphql';
import { identityFor, roleOf, viewerRoles, type Identity, type ViewerRoleId } from './api/identity';

interface Person {
  id: string;
  name: string;
  title: string;
}

const peopleQuery = /* GraphQL */ `
  query People($after: String) {
    engineers(first: 200, after: $after) { nodes { id name title } pageInfo { endCursor hasNextPage } }
  }
`;

/** Everyone in the directory, asked as the demo visitor (who may read it in the embedded demo), by name. */
async function loadPeople(signal: AbortSignal): Promise<Person[]> {
  const people: Person[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const answer: { engineers: { nodes: Person[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await graphql(peopleQuery, { after }, { kind: 'visitor' }, signal);
    people.push(...answer.engineers.nodes);
    if (!answer.engineers.pageInfo.hasNextPage) break;
    after = answer.engineers.pageInfo.endCursor;
  }
  return people;
}

/**
 * "Viewing as": who the dashboard asks the API as. In the embedded demo a role and a person (the x-actor-id
 * and x-actor-roles headers); with an identity provider, a bearer token.
 */
export function ViewerPicker({ identity, onChange }: { identity: Identity; onChange: (identity: Identity) => void }) {
  const [role, setRole] = useState<ViewerRoleId>(roleOf(identity));
  const [person, setPerson] = useState(identity.kind === 'demo' ? identity.actorId : '');
  const [token, setToken] = useState(identity.kind === 'token' ? identity.token : '');
  const [people, setPeople] = useState<Person[] | null>(null);
  const [peopleError, setPeopleError] = useState<string | null>(null);
  const needsPerson = viewerRoles.find((r) => r.id === role)?.needsPerson ?? false;
  const roleId = useId();
  const personId = useId();
  const tokenId = useId();

  useEffect(() => {
    if (!needsPerson || people) return;
    const controller = new AbortController();
    loadPeople(controller.signal).then(
      (list) => setPeople(list),
      (error: unknown) => !controller.signal.aborted && setPeopleError(error instanceof Error ? error.message : String(error)),
    );
    return () => controller.abort();
  }, [needsPerson, people]);

  const choosePerson = (nextRole: ViewerRoleId, list: Person[] | null): string => {
    if (person && list?.some((p) => p.id === person)) return person;
    if (!list || list.length === 0) return person;
    if (nextRole === 'director') return (list.find((p) => p.title.startsWith('Director')) ?? list[0]!).id;
    return list[0]!.id;
  };

  // Once the directory is there, a role that needs a person gets one (a director: someone titled Director).
  useEffect(() => {
    if (!needsPerson || !people || people.length === 0) return;
    const chosen = choosePerson(role, people);
    if (chosen !== person) {
      setPerson(chosen);
      onChange(identityFor(role, chosen, token));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the directory arrives or the role changes
  }, [people, role]);

  const changeRole = (next: ViewerRoleId) => {
    setRole(next);
    if (next === 'token') return; // applied with the button, once a token is pasted
    const nextPerson = viewerRoles.find((r) => r.id === next)?.needsPerson ? choosePerson(next, people) : person;
    if (viewerRoles.find((r) => r.id === next)?.needsPerson && !nextPerson) return; // waits for the directory
    setPerson(nextPerson);
    onChange(identityFor(next, nextPerson, token));
  };

  return (
    <form className="viewer" aria-label="Viewing as" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={roleId}>Viewing as</label>
        <select id={roleId} name="viewer-role" value={role} onChange={(e) => changeRole(e.target.value as ViewerRoleId)}>
          {viewerRoles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      {needsPerson && (
        <div className="field">
          <label htmlFor={personId}>Person (x-actor-id)</label>
          {people ? (
            <select
              id={personId}
              name="viewer-person"
              value={person}
              onChange={(e) => {
                setPerson(e.target.value);
                onChange(identityFor(role, e.target.value, token));
              }}
            >
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {p.title} ({p.id})
                </option>
              ))}
            </select>
          ) : (
            <input
              id={personId}
              name="viewer-person"
              value={person}
              placeholder={peopleError ? 'an engineer id, e.g. eng-0006' : 'loading the directory…'}
              onChange={(e) => setPerson(e.target.value)}
              onBlur={() => person && onChange(identityFor(role, person, token))}
            />
          )}
        </div>
      )}
      {role === 'token' && (
        <div className="field token">
          <label htmlFor={tokenId}>Bearer token (JWT)</label>
          <span className="inline">
            <input id={tokenId} name="viewer-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
            <button type="button" onClick={() => onChange(identityFor('token', person, token))}>
              Use token
            </button>
          </span>
        </div>
      )}
    </form>
  );
}
