import { useEffect, useMemo } from 'react';
import { literal } from '../api/graphql';
import { chooseFramework, frameworkChoices, levelName, skillChoices, teamChoices, useCatalogue, currentFramework, type Catalogue, type FrameworkDetails } from '../catalogue';
import { Chart, ChartFigure } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { levelColour, textOn } from '../charts/levels';
import { loadEcharts } from '../charts/load-echarts';
import { DateField, SelectField } from '../components/fields';
import { Empty } from '../components/states';
import { setSearch, useLocation } from '../router';
import { asOfFor, readDay, todayUtc, yearsBefore } from '../url-state';
import { useQuery, type QueryResult } from '../use-query';
import { Async, PageHeading, formatMedian, plural } from './common';

interface LevelCount {
  level: number;
  count: number;
}
interface Group {
  counts: LevelCount[];
  total: number;
  median: number | null;
}
interface TeamGroup {
  groupId: string | null;
  team: { name: string } | null;
  total: number;
  median: number | null;
}
type Distributions = Record<string, { groups: (Group | TeamGroup)[] }>;

interface Filters {
  framework: string;
  team: string;
  skill: string;
  day: string;
  headline: string;
}

/**
 * One request for the whole page: per competency, the organisation's distribution and, for the heatmap, each
 * team's median and headcount (not its counts per level: on the reference organisation they were most of a
 * 219 KB answer that nothing drew).
 */
function distributionsQuery(framework: FrameworkDetails): string {
  const fields = framework.competencies.map(
    (c, i) => `
    n${i}: levelDistribution(competency: ${literal(c.id)}, skill: $skill, groupBy: NONE, filter: $filter, asOf: $asOf) { groups { counts { level count } total median } }
    t${i}: levelDistribution(competency: ${literal(c.id)}, skill: $skill, groupBy: TEAM, filter: $filter, asOf: $asOf) { groups { groupId team { name } total median } }`,
  );
  return `query Overview($skill: String, $filter: LevelAggregateFilter, $asOf: String) {${fields.join('')}\n}`;
}

const progressionQuery = /* GraphQL */ `
  query Headcount($competency: String!, $skill: String, $team: ID, $framework: ID, $from: String!, $to: String!) {
    progression(competency: $competency, skill: $skill, team: $team, framework: $framework, from: $from, to: $to, interval: QUARTER) {
      points { periodStart asOf counts { level count } total median }
    }
  }
`;

interface ProgressionPoint {
  periodStart: string;
  asOf: string;
  counts: LevelCount[];
  total: number;
  median: number | null;
}

/** Runs the charting code (preloaded by index.html) while the server counts: its first chart then waits for nothing. */
const startCharts = () => void loadEcharts().catch(() => undefined);

const countAt = (counts: LevelCount[], level: number) => counts.find((c) => c.level === level)?.count ?? 0;

export function OverviewPage() {
  const { search } = useLocation();
  const catalogue = useCatalogue();
  const today = todayUtc();
  const frameworkId = chooseFramework(catalogue.data, search.get('framework') ?? '');
  const framework = currentFramework(catalogue, frameworkId);
  const filters: Filters = {
    framework: frameworkId ?? '',
    team: search.get('team') ?? '',
    skill: search.get('skill') ?? '',
    day: readDay(search.get('asOf')),
    headline: search.get('headline') ?? '',
  };
  const change = (key: keyof Filters | 'asOf', value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next);
  };

  return (
    <>
      <PageHeading title="Organisation overview">
        Where demonstrated levels stand across the organisation, per competency and team{filters.day ? `, as they stood at the end of ${filters.day}` : ', today'}.
      </PageHeading>
      <Async result={catalogue} what="the organisation's catalogue">
        {(cat) => (
          <>
            <OverviewFilters catalogue={cat} filters={filters} today={today} change={change} />
            {framework.data?.framework === null ? (
              <Empty>No framework is published yet: import one to see levels.</Empty>
            ) : (
              <Async result={framework} what="the framework">
                {({ framework: fw }) => fw && <OverviewCharts framework={fw} filters={filters} today={today} change={change} />}
              </Async>
            )}
          </>
        )}
      </Async>
    </>
  );
}

function OverviewFilters({ catalogue, filters, today, change }: { catalogue: Catalogue; filters: Filters; today: string; change: (key: keyof Filters | 'asOf', value: string) => void }) {
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField label="Framework" name="framework" value={filters.framework} onChange={(v) => change('framework', v)} choices={frameworkChoices(catalogue)} />
      <SelectField label="Team" name="team" value={filters.team} onChange={(v) => change('team', v)} choices={teamChoices(catalogue)} />
      <SelectField label="Skill" name="skill" value={filters.skill} onChange={(v) => change('skill', v)} choices={skillChoices(catalogue)} />
      <DateField label="As of" name="asOf" value={filters.day} max={today} onChange={(v) => change('asOf', v)} />
    </form>
  );
}

function OverviewCharts({ framework, filters, today, change }: { framework: FrameworkDetails; filters: Filters; today: string; change: (key: keyof Filters | 'asOf', value: string) => void }) {
  const asOf = asOfFor(filters.day, today);
  const variables = useMemo(
    () => ({ skill: filters.skill || null, filter: { framework: framework.id, ...(filters.team && { team: filters.team }) }, asOf }),
    [filters.skill, filters.team, framework.id, asOf],
  );
  const distributions = useQuery<Distributions>(distributionsQuery(framework), variables);
  const headline = framework.competencies.find((c) => c.id === filters.headline) ?? framework.competencies[0];
  // Asked at the same time as the distributions (not after them): the page is ready in one round trip fewer.
  const to = filters.day && filters.day < today ? filters.day : today;
  const progressionVariables = useMemo(
    () => ({ competency: headline?.id ?? '', skill: filters.skill || null, team: filters.team || null, framework: framework.id, from: yearsBefore(to, 2), to }),
    [headline?.id, filters.skill, filters.team, framework.id, to],
  );
  const progression = useQuery<{ progression: { points: ProgressionPoint[] } }>(headline ? progressionQuery : null, progressionVariables);
  // Once the requests are out, the charting code gets compiled while the server counts.
  useEffect(() => {
    const timer = setTimeout(startCharts, 0);
    return () => clearTimeout(timer);
  }, []);

  // Kept while the answer is the same, so a chart is drawn again only when its data changed.
  const answer = distributions.data;
  const allRows = useMemo(() => (answer ? framework.competencies.map((c, i) => ({ competency: c, org: (answer[`n${i}`]?.groups[0] as Group | undefined) ?? null, teams: (answer[`t${i}`]?.groups ?? []) as TeamGroup[] })) : []), [answer, framework]);

  return (
    <Async result={distributions} what="the level distribution">
      {() => {
        const rows = allRows;
        if (rows.every((r) => (r.org?.total ?? 0) === 0)) {
          return <Empty>Nobody in this view has a demonstrated level{filters.day ? ` on ${filters.day}` : ''}. Try another team, skill or date.</Empty>;
        }
        return (
          <div className="grid">
            <DistributionFigure framework={framework} rows={rows} />
            <HeatmapFigure framework={framework} rows={rows} />
            {headline && (
              <HeadcountFigure
                framework={framework}
                competency={headline}
                org={rows.find((r) => r.competency.id === headline.id)?.org ?? null}
                progression={progression}
                onCompetency={(id) => change('headline', id)}
              />
            )}
          </div>
        );
      }}
    </Async>
  );
}

interface Row {
  competency: { id: string; name: string };
  org: Group | null;
  teams: TeamGroup[];
}

function DistributionFigure({ framework, rows }: { framework: FrameworkDetails; rows: Row[] }) {
  const levels = framework.levels.map((l) => l.level);
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 60, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.competency.name), inverse: true },
    series: levels.map((level) => ({
      type: 'bar',
      name: levelName(framework, level),
      stack: 'levels',
      itemStyle: { color: levelColour(level) },
      emphasis: { focus: 'series' },
      data: rows.map((r) => countAt(r.org?.counts ?? [], level)),
    })),
  }), [framework, rows]); // eslint-disable-line react-hooks/exhaustive-deps -- levels follow from framework
  return (
    <ChartFigure
      id="distribution"
      title="Level distribution per competency"
      description="Engineers at each demonstrated level, per competency (stacked)."
      chart={<Chart name="distribution" option={option} label={`Stacked bars: engineers per level for ${rows.length} competencies`} height={Math.max(280, rows.length * 48 + 100)} />}
      table={
        <table data-table="distribution">
          <caption className="visually-hidden">Engineers per level and competency</caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              {levels.map((l) => (
                <th scope="col" key={l}>
                  {levelName(framework, l)}
                </th>
              ))}
              <th scope="col">Total</th>
              <th scope="col">Median</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.competency.id} data-competency={r.competency.id}>
                <th scope="row">{r.competency.name}</th>
                {levels.map((l) => (
                  <td key={l} data-level={l}>
                    {countAt(r.org?.counts ?? [], l)}
                  </td>
                ))}
                <td data-total>{r.org?.total ?? 0}</td>
                <td>{formatMedian(r.org?.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/**
 * Teams × competencies as a table whose cells are coloured by the median level: the heatmap and its numbers at
 * once (read by screen readers as a table, copied as text), drawn by the browser alone, no charting code.
 */
function HeatmapFigure({ framework, rows }: { framework: FrameworkDetails; rows: Row[] }) {
  const teams = new Map<string, string>();
  for (const r of rows) for (const g of r.teams) teams.set(g.groupId ?? '', g.team?.name ?? 'No team');
  const teamList = [...teams.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const byCell = new Map<string, TeamGroup>();
  for (const r of rows) for (const g of r.teams) byCell.set(`${g.groupId ?? ''}\u0000${r.competency.id}`, g);
  const top = framework.levels.length > 0 ? Math.max(...framework.levels.map((l) => l.level)) : 6;
  const scale = Array.from({ length: top }, (_, i) => i + 1);
  return (
    <section className="card" aria-labelledby="heatmap-title" data-figure="heatmap">
      <h2 id="heatmap-title">Teams × competencies</h2>
      <p className="hint">The median demonstrated level of each team's engineers with a level, per competency; in brackets, how many have one.</p>
      <div className="table-scroll heatmap" tabIndex={0} role="region" aria-label="Teams × competencies: median levels" data-chart="heatmap" data-rendered="">
        <table data-table="heatmap">
          <caption className="visually-hidden">Median level per team and competency</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              {rows.map((r) => (
                <th scope="col" key={r.competency.id}>
                  {r.competency.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {teamList.map(([teamId, name]) => (
              <tr key={teamId} data-team={teamId}>
                <th scope="row">{name}</th>
                {rows.map((r) => {
                  const g = byCell.get(`${teamId}\u0000${r.competency.id}`) ?? null;
                  const median = g?.median ?? null;
                  const colour = median === null ? null : levelColour(Math.round(median));
                  return (
                    <td
                      key={r.competency.id}
                      data-competency={r.competency.id}
                      data-level={median === null ? undefined : Math.round(median)}
                      title={`${name} · ${r.competency.name}: median ${formatMedian(median)} of ${plural(g?.total ?? 0, 'engineer')}`}
                      style={colour ? { background: colour, color: textOn(colour) } : undefined}
                    >
                      {formatMedian(median)} <span className="count">({g?.total ?? 0})</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heatmap-scale" aria-hidden="true">
        {scale.map((level) => (
          <span key={level} style={{ background: levelColour(level), color: textOn(levelColour(level)) }}>
            {levelName(framework, level)}
          </span>
        ))}
      </p>
    </section>
  );
}

function HeadcountFigure({
  framework,
  competency,
  org,
  progression,
  onCompetency,
}: {
  framework: FrameworkDetails;
  competency: { id: string; name: string };
  org: Row['org'];
  progression: QueryResult<{ progression: { points: ProgressionPoint[] } }>;
  onCompetency: (id: string) => void;
}) {
  const levels = framework.levels.map((l) => l.level);
  const counts = org?.counts ?? [];
  const bars = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: levels.map((l) => levelName(framework, l).replace(' ', '\n')), axisLabel: { interval: 0, verticalAlign: 'top', lineHeight: 14 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: competency.name, data: levels.map((l) => ({ value: countAt(counts, l), itemStyle: { color: levelColour(l) } })), label: { show: true, position: 'top' } }],
    }),
    [framework, competency.name, org], // eslint-disable-line react-hooks/exhaustive-deps -- levels and counts follow from framework and org
  );
  return (
    <section className="card wide" aria-labelledby="headcount-title" data-figure="headcount">
      <div className="card-heading">
        <h2 id="headcount-title">Headcount by level</h2>
        <SelectField label="Competency" name="headline" value={competency.id} onChange={onCompetency} choices={framework.competencies.map((c) => ({ value: c.id, label: c.name }))} />
      </div>
      <p className="hint">
        {plural(org?.total ?? 0, 'engineer')} with a level on {competency.name}; median {formatMedian(org?.median)}.
      </p>
      <div className="split">
        <div>
          <Chart name="headcount" option={bars} label={`Bars: engineers per level on ${competency.name}`} height={280} />
        </div>
        <div>
          <h3>Over the last two years, by quarter</h3>
          <Async result={progression} what="the level history">
            {({ progression: p }) => (
              <Chart
                name="progression"
                label={`Stacked areas: engineers per level on ${competency.name}, quarter by quarter`}
                height={280}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 8, right: 24, top: 60, bottom: 28 },
                  xAxis: { type: 'category', boundaryGap: false, data: p.points.map((pt) => pt.periodStart.slice(0, 7)), axisLabel: { verticalAlign: 'top' } },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: levels.map((l) => ({
                    type: 'line',
                    name: levelName(framework, l),
                    stack: 'levels',
                    areaStyle: {},
                    symbol: 'none',
                    itemStyle: { color: levelColour(l) },
                    lineStyle: { width: 1 },
                    data: p.points.map((pt) => countAt(pt.counts, l)),
                  })),
                }}
              />
            )}
          </Async>
        </div>
      </div>
      <details className="numbers">
        <summary>The numbers</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Headcount by level: the numbers">
          <table data-table="headcount">
            <caption className="visually-hidden">Engineers per level on {competency.name}</caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Engineers</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((l) => (
                <tr key={l} data-level={l}>
                  <th scope="row">{levelName(framework, l)}</th>
                  <td>{countAt(counts, l)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
