import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { chooseFramework, competencyChoices, levelChoices, levelName, skillChoices, teamChoices, useCatalogue, currentFramework, type Catalogue, type FrameworkDetails } from '../catalogue';
import { SelectField } from '../components/fields';
import { Empty } from '../components/states';
import { Link, setSearch, useLocation } from '../router';
import { isComplete, maxRequirements, questionFilter, readQuestion, readRequirements, writeQuestionBox, type Question, type Requirement } from '../url-state';
import { useQuery } from '../use-query';
import { Async, PageHeading, plural } from './common';

const pageSize = 50;

const engineersQuery = /* GraphQL */ `
  query WhoIs($filter: EngineerFilter!, $first: Int!, $after: String, $competency: String, $skill: String) {
    engineers(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes { id name title team { id name } levels(competency: $competency, skill: $skill) { level skill { id } evidence { id } } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

const staffingQuery = /* GraphQL */ `
  query Staffing($requirements: [StaffingRequirementInput!]!, $team: ID, $first: Int!) {
    findEngineers(requirements: $requirements, team: $team, first: $first) {
      totalCount
      nodes {
        margin
        engineer { id name title team { name } }
        requirements { competency { id name } skill { id name } levelAtLeast level evidenceIds }
      }
      pageInfo { hasNextPage }
    }
  }
`;

interface Answer {
  engineers: {
    totalCount: number;
    nodes: { id: string; name: string; title: string; team: { id: string; name: string } | null; levels: { level: number; skill: { id: string } | null; evidence: { id: string }[] }[] }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

interface StaffingAnswer {
  findEngineers: {
    totalCount: number;
    nodes: {
      margin: number;
      engineer: { id: string; name: string; title: string; team: { name: string } | null };
      requirements: { competency: { id: string; name: string }; skill: { id: string; name: string } | null; levelAtLeast: number; level: number; evidenceIds: string[] }[];
    }[];
    pageInfo: { hasNextPage: boolean };
  };
}

export function QuestionsPage() {
  const { search } = useLocation();
  const catalogue = useCatalogue();
  const frameworkId = chooseFramework(catalogue.data, '');
  const framework = currentFramework(catalogue, frameworkId);
  return (
    <>
      <PageHeading title="Question box">Ask who is at a level on a competency (overall or within a skill), or who meets several requirements at once. The address of this page keeps the question, so it can be shared.</PageHeading>
      <Async result={catalogue} what="the organisation's catalogue">
        {(cat) => (
          <Async result={framework} what="the framework">
            {({ framework: fw }) =>
              fw ? (
                <div className="stack">
                  <WhoIs catalogue={cat} framework={fw} search={search} />
                  <Staffing catalogue={cat} framework={fw} search={search} />
                </div>
              ) : (
                <Empty>No framework is published yet.</Empty>
              )
            }
          </Async>
        )}
      </Async>
    </>
  );
}

function WhoIs({ catalogue, framework, search }: { catalogue: Catalogue; framework: FrameworkDetails; search: URLSearchParams }) {
  const asked = readQuestion(search);
  const [draft, setDraft] = useState<Question>(() => withDefaults(asked, framework));
  const askedKey = search.toString();
  useEffect(() => setDraft(withDefaults(readQuestion(new URLSearchParams(askedKey)), framework)), [askedKey, framework]);
  const modeId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(writeQuestionBox(search, draft, null), { replace: false });
  };
  const set = (patch: Partial<Question>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <section className="card" aria-labelledby="whois-title">
      <h2 id="whois-title">Who is…</h2>
      <form className="filters question" onSubmit={submit} aria-label="Who is at a level">
        <SelectField label="Level" name="level" value={String(draft.level ?? '')} onChange={(v) => set({ level: Number(v) })} choices={levelChoices(framework)} />
        <fieldset className="field mode">
          <legend id={modeId}>Level is</legend>
          <label>
            <input type="radio" name="mode" value="exactly" checked={draft.mode === 'exactly'} onChange={() => set({ mode: 'exactly' })} /> exactly
          </label>
          <label>
            <input type="radio" name="mode" value="atLeast" checked={draft.mode === 'atLeast'} onChange={() => set({ mode: 'atLeast' })} /> at least
          </label>
        </fieldset>
        <SelectField label="Competency" name="competency" value={draft.competency} onChange={(v) => set({ competency: v })} choices={competencyChoices(framework)} />
        <SelectField label="Skill" name="skill" value={draft.skill} onChange={(v) => set({ skill: v })} choices={skillChoices(catalogue)} />
        <SelectField label="Team" name="team" value={draft.team} onChange={(v) => set({ team: v })} choices={teamChoices(catalogue)} />
        <div className="actions">
          <button type="submit" className="primary">
            Ask
          </button>
        </div>
      </form>
      {isComplete(asked) ? <WhoIsAnswer question={asked} catalogue={catalogue} framework={framework} /> : <p className="hint">Choose a level and a competency, then Ask.</p>}
    </section>
  );
}

function withDefaults(question: Question, framework: FrameworkDetails): Question {
  return {
    ...question,
    competency: question.competency || framework.competencies[0]?.id || '',
    level: question.level ?? framework.levels[Math.min(framework.levels.length - 1, 2)]?.level ?? 1,
  };
}

function WhoIsAnswer({ question, catalogue, framework }: { question: Question & { level: number }; catalogue: Catalogue; framework: FrameworkDetails }) {
  const [pages, setPages] = useState<string[]>([]);
  const key = JSON.stringify(question);
  useEffect(() => setPages([]), [key]);
  const variables = useMemo(() => ({ filter: questionFilter(question), first: pageSize, after: null, competency: question.competency, skill: question.skill || null }), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const first = useQuery<Answer>(engineersQuery, variables);
  const competencyName = framework.competencies.find((c) => c.id === question.competency)?.name ?? question.competency;
  const skillName = catalogue.skills.find((s) => s.id === question.skill)?.name ?? question.skill;
  const phrase = `${question.mode === 'exactly' ? '' : 'at least '}${levelName(framework, question.level)} on ${competencyName}${question.skill ? ` in ${skillName}` : ''}`;
  return (
    <div className="answer" aria-live="polite">
      <h3>Who is {phrase}?</h3>
      <Async result={first} what="the engineers">
        {(data) =>
          data.engineers.totalCount === 0 ? (
            <Empty>Nobody is {phrase}{question.team ? ' in this team' : ''}.</Empty>
          ) : (
            <>
              <p data-total={data.engineers.totalCount}>{plural(data.engineers.totalCount, 'engineer')}.</p>
              <EngineerTable nodes={data.engineers.nodes} skill={question.skill} />
              {pages.map((after) => (
                <MorePage key={after} after={after} variables={variables} skill={question.skill} onNext={(cursor) => setPages((p) => (p.includes(cursor) ? p : [...p, cursor]))} />
              ))}
              {pages.length === 0 && data.engineers.pageInfo.hasNextPage && data.engineers.pageInfo.endCursor && (
                <button type="button" onClick={() => setPages([data.engineers.pageInfo.endCursor!])}>
                  Show more
                </button>
              )}
            </>
          )
        }
      </Async>
    </div>
  );
}

function MorePage({ after, variables, skill, onNext }: { after: string; variables: Record<string, unknown>; skill: string; onNext: (cursor: string) => void }) {
  const page = useQuery<Answer>(engineersQuery, { ...variables, after });
  return (
    <Async result={page} what="more engineers">
      {(data) => (
        <>
          <EngineerTable nodes={data.engineers.nodes} skill={skill} continued />
          {data.engineers.pageInfo.hasNextPage && data.engineers.pageInfo.endCursor && (
            <button type="button" onClick={() => onNext(data.engineers.pageInfo.endCursor!)}>
              Show more
            </button>
          )}
        </>
      )}
    </Async>
  );
}

function EngineerTable({ nodes, skill, continued }: { nodes: Answer['engineers']['nodes']; skill: string; continued?: boolean }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={continued ? 'More engineers' : 'Engineers'}>
      <table data-table="answer">
        <thead>
          <tr>
            <th scope="col">Engineer</th>
            <th scope="col">Team</th>
            <th scope="col">Title</th>
            <th scope="col">Level</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const level = n.levels.filter((l) => (skill ? l.skill?.id === skill : l.skill === null)).sort((a, b) => b.level - a.level)[0];
            return (
              <tr key={n.id} data-engineer={n.id}>
                <th scope="row">
                  <Link to={`/engineers/${encodeURIComponent(n.id)}`}>{n.name}</Link>
                </th>
                <td>{n.team?.name ?? '–'}</td>
                <td>{n.title}</td>
                <td>{level ? `L${level.level}` : '–'}</td>
                <td>{level ? plural(level.evidence.length, 'item') : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Staffing({ catalogue, framework, search }: { catalogue: Catalogue; framework: FrameworkDetails; search: URLSearchParams }) {
  const asked = readRequirements(search);
  const askedTeam = search.get('staffTeam') ?? '';
  const fresh = (): Requirement => ({ competency: framework.competencies[0]?.id ?? '', skill: '', levelAtLeast: framework.levels[Math.min(framework.levels.length - 1, 2)]?.level ?? 1 });
  const [rows, setRows] = useState<Requirement[]>(() => (asked.length > 0 ? asked : [fresh()]));
  const [team, setTeam] = useState(askedTeam);
  const askedKey = JSON.stringify([asked, askedTeam]);
  useEffect(() => {
    const [a, t] = JSON.parse(askedKey) as [Requirement[], string];
    if (a.length > 0) setRows(a);
    setTeam(t);
  }, [askedKey]);
  const update = (i: number, patch: Partial<Requirement>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(writeQuestionBox(search, null, rows, team), { replace: false });
  };
  return (
    <section className="card" aria-labelledby="staffing-title">
      <h2 id="staffing-title">Staffing search</h2>
      <p className="hint">Everyone who meets every requirement at once, best margin first (up to {maxRequirements} requirements).</p>
      <form onSubmit={submit} aria-label="Staffing search">
        <ol className="requirements">
          {rows.map((r, i) => (
            <li key={i} className="filters requirement" data-requirement={i}>
              <SelectField label={`Requirement ${i + 1}: competency`} name={`req-${i}-competency`} value={r.competency} onChange={(v) => update(i, { competency: v })} choices={competencyChoices(framework)} />
              <SelectField label="Skill" name={`req-${i}-skill`} value={r.skill} onChange={(v) => update(i, { skill: v })} choices={skillChoices(catalogue)} />
              <SelectField label="At least" name={`req-${i}-level`} value={String(r.levelAtLeast)} onChange={(v) => update(i, { levelAtLeast: Number(v) })} choices={levelChoices(framework)} />
              {rows.length > 1 && (
                <div className="actions">
                  <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove requirement ${i + 1}`}>
                    Remove
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
        <div className="filters">
          <SelectField label="Team" name="staffTeam" value={team} onChange={setTeam} choices={teamChoices(catalogue, 'Anywhere')} />
          <div className="actions">
            <button type="button" onClick={() => setRows((rs) => [...rs, fresh()])} disabled={rows.length >= maxRequirements}>
              Add a requirement
            </button>
            <button type="submit" className="primary">
              Find engineers
            </button>
          </div>
        </div>
      </form>
      {asked.length > 0 && <StaffingAnswerView requirements={asked} team={askedTeam} framework={framework} catalogue={catalogue} />}
    </section>
  );
}

function StaffingAnswerView({ requirements, team, framework, catalogue }: { requirements: Requirement[]; team: string; framework: FrameworkDetails; catalogue: Catalogue }) {
  const variables = useMemo(
    () => ({ requirements: requirements.map((r) => ({ competency: r.competency, levelAtLeast: r.levelAtLeast, ...(r.skill && { skill: r.skill }) })), team: team || null, first: pageSize }),
    [JSON.stringify(requirements), team], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const answer = useQuery<StaffingAnswer>(staffingQuery, variables);
  const label = (r: Requirement) =>
    `${levelName(framework, r.levelAtLeast)}+ ${framework.competencies.find((c) => c.id === r.competency)?.name ?? r.competency}${r.skill ? ` in ${catalogue.skills.find((s) => s.id === r.skill)?.name ?? r.skill}` : ''}`;
  return (
    <div className="answer" aria-live="polite">
      <h3>Who meets {requirements.map(label).join(' and ')}?</h3>
      <Async result={answer} what="the staffing search">
        {({ findEngineers: f }) =>
          f.totalCount === 0 ? (
            <Empty>Nobody meets every requirement{team ? ' in this team' : ''}. Try lowering a level or dropping a requirement.</Empty>
          ) : (
            <>
              <p data-total={f.totalCount}>
                {plural(f.totalCount, 'engineer')}
                {f.pageInfo.hasNextPage ? `; the best ${f.nodes.length} shown` : ''}.
              </p>
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Engineers meeting the requirements">
                <table data-table="staffing">
                  <thead>
                    <tr>
                      <th scope="col">Engineer</th>
                      <th scope="col">Team</th>
                      <th scope="col">Margin</th>
                      {requirements.map((r, i) => (
                        <th scope="col" key={i}>
                          {label(r)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {f.nodes.map((n) => (
                      <tr key={n.engineer.id} data-engineer={n.engineer.id}>
                        <th scope="row">
                          <Link to={`/engineers/${encodeURIComponent(n.engineer.id)}`}>{n.engineer.name}</Link>
                        </th>
                        <td>{n.engineer.team?.name ?? '–'}</td>
                        <td>+{n.margin}</td>
                        {n.requirements.map((p, i) => (
                          <td key={i}>
                            L{p.level} <span className="muted">({plural(p.evidenceIds.length, 'proof')})</span>
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Async>
    </div>
  );
}
