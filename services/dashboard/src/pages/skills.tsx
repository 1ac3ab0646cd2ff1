import { useMemo } from 'react';
import { literal } from '../api/graphql';
import { chooseFramework, competencyChoices, frameworkChoices, levelChoices, levelName, teamChoices, useCatalogue, currentFramework, type Catalogue, type FrameworkDetails } from '../catalogue';
import { Chart, ChartFigure } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { DateField, SelectField } from '../components/fields';
import { Empty } from '../components/states';
import { Link, setSearch, useLocation } from '../router';
import { asOfFor, readDay, todayUtc } from '../url-state';
import { useQuery } from '../use-query';
import { Async, PageHeading, plural } from './common';

interface Entry {
  skill: { id: string; name: string };
  team: { id: string; name: string } | null;
  holders: number;
  atRisk: boolean;
  soleHolder: { id: string; name: string } | null;
}
interface Coverage {
  skillCoverage: { minLevel: number; asOf: string | null; organisation: Entry[]; teams: Entry[] };
}

const coverageQuery = /* GraphQL */ `
  query Coverage($minLevel: Int!, $team: ID, $competency: String, $framework: ID, $asOf: String) {
    skillCoverage(minLevel: $minLevel, team: $team, competency: $competency, framework: $framework, asOf: $asOf) {
      minLevel
      asOf
      organisation { skill { id name } team { id name } holders atRisk soleHolder { id name } }
      teams { skill { id name } team { id name } holders atRisk soleHolder { id name } }
    }
  }
`;

interface Holder {
  id: string;
  name: string;
  title: string;
  team: { name: string } | null;
}

/** Who holds a skill at minLevel or above: on the competency asked, or on any competency (one search per competency, merged). */
function holdersQuery(competencies: string[]): string {
  const fields = competencies.map(
    (c, i) => `h${i}: engineers(filter: {competency: ${literal(c)}, skill: $skill, levelAtLeast: $minLevel, team: $team, framework: $framework, asOf: $asOf}, first: 200) {
      totalCount nodes { id name title team { name } } pageInfo { hasNextPage } }`,
  );
  return `query Holders($skill: String!, $minLevel: Int!, $team: ID, $framework: ID, $asOf: String) {\n${fields.join('\n')}\n}`;
}

export function SkillsPage() {
  const { search } = useLocation();
  const catalogue = useCatalogue();
  const frameworkId = chooseFramework(catalogue.data, search.get('framework') ?? '');
  const framework = currentFramework(catalogue, frameworkId);
  const change = (values: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(values)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next);
  };
  return (
    <>
      <PageHeading title="Skills">
        Who holds each skill, across the organisation and per team. A skill held by fewer than two people is at risk: the knowledge leaves with one person (the bus factor).
      </PageHeading>
      <Async result={catalogue} what="the organisation's catalogue">
        {(cat) => (
          <Async result={framework} what="the framework">
            {({ framework: fw }) => (fw ? <Coverage catalogue={cat} framework={fw} search={search} change={change} /> : <Empty>No framework is published yet.</Empty>)}
          </Async>
        )}
      </Async>
    </>
  );
}

function Coverage({ catalogue, framework, search, change }: { catalogue: Catalogue; framework: FrameworkDetails; search: URLSearchParams; change: (values: Record<string, string>) => void }) {
  const today = todayUtc();
  const minLevel = Number(search.get('minLevel') ?? '') || 3;
  const competency = framework.competencies.some((c) => c.id === search.get('competency')) ? search.get('competency')! : '';
  const team = search.get('team') ?? '';
  const day = readDay(search.get('asOf'));
  const asOf = asOfFor(day, today);
  const selected = parseCell(search.get('cell'));
  const variables = useMemo(() => ({ minLevel, team: team || null, competency: competency || null, framework: framework.id, asOf }), [minLevel, team, competency, framework.id, asOf]);
  const coverage = useQuery<Coverage>(coverageQuery, variables);

  return (
    <>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Framework" name="framework" value={framework.id} onChange={(v) => change({ framework: v, cell: '' })} choices={frameworkChoices(catalogue)} />
        <SelectField label="At least" name="minLevel" value={String(minLevel)} onChange={(v) => change({ minLevel: v, cell: '' })} choices={levelChoices(framework)} />
        <SelectField label="Competency" name="competency" value={competency} onChange={(v) => change({ competency: v, cell: '' })} choices={competencyChoices(framework, 'Any competency')} />
        <SelectField label="Team" name="team" value={team} onChange={(v) => change({ team: v, cell: '' })} choices={teamChoices(catalogue)} />
        <DateField label="As of" name="asOf" value={day} max={today} onChange={(v) => change({ asOf: v, cell: '' })} />
      </form>
      <Async result={coverage} what="skill coverage">
        {({ skillCoverage: sc }) => {
          const skills = [...sc.organisation].sort((a, b) => a.skill.name.localeCompare(b.skill.name));
          if (skills.length === 0) return <Empty>No skills are registered yet.</Empty>;
          const teams = team ? catalogue.teams.filter((t) => t.id === team) : [...catalogue.teams].sort((a, b) => a.name.localeCompare(b.name));
          const entry = (teamId: string | null, skillId: string): Entry | undefined =>
            teamId === null ? sc.organisation.find((e) => e.skill.id === skillId) : sc.teams.find((e) => e.team?.id === teamId && e.skill.id === skillId);
          const open = (teamId: string | null, skillId: string) => change({ cell: `${teamId ?? '*'}:${skillId}` });
          const scope = team ? (catalogue.teams.find((t) => t.id === team)?.name ?? team) : 'the organisation';
          const option: ChartOption = {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 8, right: 16, top: 24, bottom: 72 },
            xAxis: { type: 'category', data: skills.map((s) => s.skill.name), axisLabel: { interval: 0, rotate: 30 } },
            yAxis: { type: 'value', minInterval: 1, name: 'holders' },
            series: [
              {
                type: 'bar',
                name: 'Holders',
                data: skills.map((s) => ({ value: s.holders, itemStyle: { color: s.atRisk ? '#b2182b' : '#2a788e' } })),
                label: { show: true, position: 'top', formatter: (p: unknown) => (skills[(p as { dataIndex: number }).dataIndex]?.atRisk ? '⚠' : '') },
              },
            ],
          };
          return (
            <div className="grid">
              <ChartFigure
                id="coverage"
                title={`Holders per skill in ${scope}`}
                description={`Engineers at ${levelName(framework, minLevel)} or above${competency ? ` on ${framework.competencies.find((c) => c.id === competency)?.name}` : ' on any competency'} within each skill. Red: fewer than two. Click a bar to see who.`}
                chart={<Chart name="coverage" option={option} label={`Bars: holders of ${skills.length} skills; ${skills.filter((s) => s.atRisk).length} at risk`} height={300} onItemClick={({ dataIndex }) => skills[dataIndex] && open(null, skills[dataIndex].skill.id)} />}
                table={
                  <table data-table="coverage-organisation">
                    <caption className="visually-hidden">Holders per skill</caption>
                    <thead>
                      <tr>
                        <th scope="col">Skill</th>
                        <th scope="col">Holders</th>
                        <th scope="col">At risk</th>
                      </tr>
                    </thead>
                    <tbody>
                      {skills.map((s) => (
                        <tr key={s.skill.id}>
                          <th scope="row">{s.skill.name}</th>
                          <td>{s.holders}</td>
                          <td>{s.atRisk ? 'yes' : 'no'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
              <section className="card wide" aria-labelledby="matrix-title">
                <h2 id="matrix-title">Per team</h2>
                <p className="hint">Holders per team and skill. ⚠ marks a skill held by one person in the team (the bus factor); choose a cell to see who holds it.</p>
                <div className="table-scroll" tabIndex={0} role="region" aria-label="Holders per team and skill">
                  <table className="matrix" data-table="coverage-matrix">
                    <caption className="visually-hidden">Holders per team and skill</caption>
                    <thead>
                      <tr>
                        <th scope="col">Team</th>
                        {skills.map((s) => (
                          <th scope="col" key={s.skill.id}>
                            {s.skill.name}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {[{ id: null as string | null, name: team ? `All of ${scope}` : 'Whole organisation' }, ...(team ? [] : teams.map((t) => ({ id: t.id as string | null, name: t.name })))].map((row) => (
                        <tr key={row.id ?? '*'} className={row.id === null ? 'total' : undefined}>
                          <th scope="row">{row.name}</th>
                          {skills.map((s) => {
                            const e = entry(row.id, s.skill.id);
                            const holders = e?.holders ?? 0;
                            const risk = e?.atRisk ?? false;
                            const isOpen = selected !== null && selected.team === row.id && selected.skill === s.skill.id;
                            return (
                              <td key={s.skill.id} className={`heat h${Math.min(holders, 6)}${risk ? ' risk' : ''}`}>
                                <button
                                  type="button"
                                  className="cell"
                                  aria-pressed={isOpen}
                                  aria-label={`${s.skill.name} in ${row.name}: ${plural(holders, 'holder')}${risk ? ', at risk' : ''}`}
                                  data-cell={`${row.id ?? '*'}:${s.skill.id}`}
                                  onClick={() => open(row.id, s.skill.id)}
                                >
                                  {holders}
                                  {risk ? ' ⚠' : ''}
                                </button>
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
              {selected && (
                <Holders
                  framework={framework}
                  skill={skills.find((s) => s.skill.id === selected.skill)?.skill ?? { id: selected.skill, name: selected.skill }}
                  team={selected.team === null ? (team ? { id: team, name: scope } : null) : (catalogue.teams.find((t) => t.id === selected.team) ?? { id: selected.team, name: selected.team })}
                  expected={entry(selected.team, selected.skill)?.holders ?? 0}
                  minLevel={minLevel}
                  competency={competency}
                  asOf={asOf}
                  onClose={() => change({ cell: '' })}
                />
              )}
            </div>
          );
        }}
      </Async>
    </>
  );
}

function parseCell(value: string | null): { team: string | null; skill: string } | null {
  if (!value) return null;
  const at = value.indexOf(':');
  if (at < 1 || at === value.length - 1) return null;
  const team = value.slice(0, at);
  return { team: team === '*' ? null : team, skill: value.slice(at + 1) };
}

function Holders(props: {
  framework: FrameworkDetails;
  skill: { id: string; name: string };
  team: { id: string; name: string } | null;
  expected: number;
  minLevel: number;
  competency: string;
  asOf: string | null;
  onClose: () => void;
}) {
  const { framework, skill, team, minLevel, competency, asOf } = props;
  const competencies = competency ? [competency] : framework.competencies.map((c) => c.id);
  const holders = useQuery<Record<string, { totalCount: number; nodes: Holder[]; pageInfo: { hasNextPage: boolean } }>>(holdersQuery(competencies), {
    skill: skill.id,
    minLevel,
    team: team?.id ?? null,
    framework: framework.id,
    asOf,
  });
  return (
    <section className="card wide holders" aria-labelledby="holders-title" aria-live="polite" data-holders={`${team?.id ?? '*'}:${skill.id}`}>
      <div className="card-heading">
        <h2 id="holders-title">
          {skill.name} in {team?.name ?? 'the organisation'}: who holds it
        </h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      <Async result={holders} what="the holders">
        {(data) => {
          const byId = new Map<string, Holder & { on: string[] }>();
          competencies.forEach((c, i) => {
            for (const h of data[`h${i}`]?.nodes ?? []) {
              const seen = byId.get(h.id) ?? { ...h, on: [] };
              seen.on.push(framework.competencies.find((x) => x.id === c)?.name ?? c);
              byId.set(h.id, seen);
            }
          });
          const list = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
          const truncated = competencies.some((_, i) => data[`h${i}`]?.pageInfo.hasNextPage);
          if (list.length === 0) return <Empty>Nobody holds {skill.name} at {levelName(framework, minLevel)} or above here.</Empty>;
          return (
            <>
              <p>
                {plural(list.length, 'engineer')} at {levelName(framework, minLevel)} or above{truncated ? ' (the first 200 per competency)' : ''}.
              </p>
              <ul className="people" data-list="holders">
                {list.map((h) => (
                  <li key={h.id} data-engineer={h.id}>
                    <Link to={`/engineers/${encodeURIComponent(h.id)}`}>{h.name}</Link> <span className="muted">· {h.title} · {h.team?.name ?? 'no team'} · on {h.on.join(', ')}</span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Async>
    </section>
  );
}
