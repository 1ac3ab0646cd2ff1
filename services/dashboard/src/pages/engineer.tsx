import { useId, useState } from 'react';
import { literal } from '../api/graphql';
import { levelName, useCatalogue, currentFramework, type FrameworkDetails } from '../catalogue';
import { Chart, ChartFigure } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { levelColour } from '../charts/levels';
import { Empty } from '../components/states';
import { Link } from '../router';
import { quarterEnds, todayUtc } from '../url-state';
import { useQuery } from '../use-query';
import { Async, PageHeading, plural } from './common';

interface EvidenceItem {
  id: string;
  kind: string;
  title: string;
  url: string | null;
  date: string;
  skills: { id: string; name: string }[];
  endorsedBy: { id: string; name: string }[];
}
interface Sources {
  selfReported: number;
  withArtefact: number;
  peerEndorsed: number;
  total: number;
}
interface Profile {
  engineer: {
    id: string;
    name: string;
    title: string;
    status: 'ACTIVE' | 'LEFT';
    joinedOn: string;
    team: { id: string; name: string } | null;
    manager: { id: string; name: string } | null;
    competencyLevels: {
      competency: { id: string; name: string };
      demonstrated: { level: number; frameworkId: string; sources: Sources; evidence: EvidenceItem[] } | null;
      calibrated: { level: number; rationale: string; calibratedAt: string; calibratedBy: { name: string } | null; panel: { name: string }[] } | null;
    }[];
    levels: { competency: { id: string; name: string }; skill: { id: string; name: string } | null; level: number; frameworkId: string }[];
  } | null;
}

const profileQuery = /* GraphQL */ `
  query Profile($id: ID!) {
    engineer(id: $id) {
      id name title status joinedOn
      team { id name }
      manager { id name }
      competencyLevels {
        competency { id name }
        demonstrated { level frameworkId sources { selfReported withArtefact peerEndorsed total } evidence { id kind title url date skills { id name } endorsedBy { id name } } }
        calibrated { level rationale calibratedAt calibratedBy { name } panel { name } }
      }
      levels { competency { id name } skill { id name } level frameworkId }
    }
  }
`;

/** The overall level per competency at the end of each of the last eight quarters (one aliased field per instant). */
function historyQuery(instants: string[]): string {
  const fields = instants.map((day, i) => `q${i}: levels(asOf: ${literal(day)}) { competency { id } skill { id } level }`);
  return `query History($id: ID!) { engineer(id: $id) { id\n${fields.join('\n')}\n} }`;
}

const gapQuery = /* GraphQL */ `
  query Gap($id: ID!, $competency: String!, $framework: ID) {
    gapToNextLevel(engineerId: $id, competency: $competency, framework: $framework) {
      level nextLevel
      policy { coverageShare minimumEvidence recencyWindowDays }
      missing { id text }
      behavioursRequired behavioursCovered behavioursStillNeeded
      evidenceRequired evidenceCounted evidenceStillNeeded
      oneBehaviourAway
    }
  }
`;

const kindLabel: Record<string, string> = { PULL_REQUEST: 'Pull request', RFC: 'RFC', INCIDENT: 'Incident', DESIGN: 'Design', TALK: 'Talk', MENTORING: 'Mentoring', REVIEW: 'Review' };

export function EngineerPage({ id }: { id: string }) {
  const profile = useQuery<Profile>(profileQuery, { id });
  const name = profile.data?.engineer?.name;
  return (
    <>
      <PageHeading title={name ?? 'Engineer'} />
      <Async result={profile} what="the profile">
        {({ engineer }) => (engineer ? <ProfileView engineer={engineer} /> : <Empty>There is no engineer with the id {id}.</Empty>)}
      </Async>
    </>
  );
}

function ProfileView({ engineer }: { engineer: NonNullable<Profile['engineer']> }) {
  const catalogue = useCatalogue();
  const frameworkId = engineer.competencyLevels.find((c) => c.demonstrated)?.demonstrated?.frameworkId ?? catalogue.data?.frameworks[0]?.id ?? null;
  const framework = currentFramework(catalogue, frameworkId);
  const fw = framework.data?.framework ?? null;
  const rows = engineer.competencyLevels;
  const visible = rows.some((r) => r.demonstrated || r.calibrated);
  const top = fw ? Math.max(...fw.levels.map((l) => l.level)) : 6;
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 36, top: 36, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: top, interval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.competency.name), inverse: true },
    series: [
      { type: 'bar', name: 'Demonstrated', data: rows.map((r) => ({ value: r.demonstrated?.level ?? 0, itemStyle: { color: levelColour(r.demonstrated?.level ?? 1) } })), label: { show: true, position: 'right', formatter: 'L{c}' } },
      { type: 'bar', name: 'Calibrated', itemStyle: { color: '#7f7f7f' }, data: rows.map((r) => r.calibrated?.level ?? 0), label: { show: true, position: 'right', formatter: (p: unknown) => ((p as { value: number }).value ? `L${(p as { value: number }).value}` : '') } },
    ],
  };
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Title</dt>
          <dd>{engineer.title}</dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>{engineer.team?.name ?? '–'}</dd>
        </div>
        <div>
          <dt>Manager</dt>
          <dd>{engineer.manager ? <Link to={`/engineers/${encodeURIComponent(engineer.manager.id)}`}>{engineer.manager.name}</Link> : '–'}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>
            {engineer.joinedOn}
            {engineer.status === 'LEFT' ? ' (has left)' : ''}
          </dd>
        </div>
      </dl>
      {!visible ? (
        <Empty>No levels you may see: the viewer you chose may not read {engineer.name}’s levels, or none is demonstrated yet.</Empty>
      ) : (
        <div className="grid">
          <ChartFigure
            id="levels"
            title="Levels per competency"
            description="Demonstrated (from approved evidence) beside the promotion panel’s calibration."
            chart={<Chart name="levels" option={option} label={`Bars: demonstrated and calibrated level of ${engineer.name} on ${rows.length} competencies`} height={Math.max(240, rows.length * 56 + 60)} />}
            table={
              <table data-table="levels">
                <thead>
                  <tr>
                    <th scope="col">Competency</th>
                    <th scope="col">Demonstrated</th>
                    <th scope="col">Calibrated</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.competency.id}>
                      <th scope="row">{r.competency.name}</th>
                      <td>{r.demonstrated ? `L${r.demonstrated.level}` : '–'}</td>
                      <td>{r.calibrated ? `L${r.calibrated.level}` : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <History engineer={engineer} framework={fw} />
          <section className="card wide" aria-labelledby="evidence-title">
            <h2 id="evidence-title">What each level stands on</h2>
            <p className="hint">Open a competency to see the approved evidence behind its level, where that evidence comes from, and what is still missing for the next level.</p>
            <ul className="competencies">
              {rows.map((r) => (
                <CompetencyDetails key={r.competency.id} engineerId={engineer.id} row={r} framework={fw} />
              ))}
            </ul>
          </section>
          <SkillLevels engineer={engineer} framework={fw} />
        </div>
      )}
    </>
  );
}

function CompetencyDetails({ engineerId, row, framework }: { engineerId: string; row: NonNullable<Profile['engineer']>['competencyLevels'][number]; framework: FrameworkDetails | null }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const d = row.demonstrated;
  return (
    <li className="competency" data-competency={row.competency.id}>
      <h3>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          <span className="chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {row.competency.name}: {d ? levelName(framework, d.level) : 'no level yet'}
          {row.calibrated ? ` · calibrated ${levelName(framework, row.calibrated.level)}` : ''}
          {d ? <span className="muted"> · {plural(d.evidence.length, 'proof')}</span> : null}
        </button>
      </h3>
      <div id={panelId} hidden={!open} className="competency-panel" data-panel={row.competency.id}>
        {open && (
          <>
            {d ? (
              <>
                <SourceMix sources={d.sources} />
                <ul className="evidence" data-list="evidence">
                  {d.evidence.map((e) => (
                    <li key={e.id} data-evidence={e.id}>
                      <span className={`kind kind-${e.kind.toLowerCase()}`}>{kindLabel[e.kind] ?? e.kind}</span>{' '}
                      {e.url ? (
                        <a href={e.url} target="_blank" rel="noopener noreferrer">
                          {e.title}
                        </a>
                      ) : (
                        <span>{e.title}</span>
                      )}{' '}
                      <span className="muted">
                        · {e.date}
                        {e.skills.length > 0 ? ` · ${e.skills.map((s) => s.name).join(', ')}` : ''}
                        {e.endorsedBy.length > 0 ? ` · endorsed by ${e.endorsedBy.map((p) => p.name).join(', ')}` : ''}
                        {e.url ? '' : ' · self-reported'}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <Empty>No approved evidence demonstrates a level on {row.competency.name} yet.</Empty>
            )}
            {row.calibrated && (
              <p className="calibration">
                Calibrated {levelName(framework, row.calibrated.level)} on {row.calibrated.calibratedAt.slice(0, 10)}
                {row.calibrated.calibratedBy ? ` by ${row.calibrated.calibratedBy.name}` : ''}
                {row.calibrated.panel.length > 0 ? ` (panel: ${row.calibrated.panel.map((p) => p.name).join(', ')})` : ''}: “{row.calibrated.rationale}”
              </p>
            )}
            <Gap engineerId={engineerId} competency={row.competency} framework={framework} frameworkId={d?.frameworkId ?? framework?.id ?? null} />
          </>
        )}
      </div>
    </li>
  );
}

function SourceMix({ sources }: { sources: Sources }) {
  const share = (n: number) => (sources.total ? Math.round((100 * n) / sources.total) : 0);
  return (
    <p className="sources" data-sources={`${sources.withArtefact}/${sources.peerEndorsed}/${sources.selfReported}/${sources.total}`}>
      Source mix of {plural(sources.total, 'proof')}: <strong>{sources.withArtefact}</strong> linked to an artefact ({share(sources.withArtefact)}%), <strong>{sources.peerEndorsed}</strong> peer-endorsed (
      {share(sources.peerEndorsed)}%), <strong>{sources.selfReported}</strong> self-reported ({share(sources.selfReported)}%).
    </p>
  );
}

interface GapAnswer {
  gapToNextLevel: {
    level: number;
    nextLevel: number | null;
    policy: { coverageShare: number; minimumEvidence: number; recencyWindowDays: number | null };
    missing: { id: string; text: string }[];
    behavioursRequired: number;
    behavioursCovered: number;
    behavioursStillNeeded: number;
    evidenceRequired: number;
    evidenceCounted: number;
    evidenceStillNeeded: number;
    oneBehaviourAway: boolean;
  };
}

function Gap({ engineerId, competency, frameworkId, framework }: { engineerId: string; competency: { id: string; name: string }; frameworkId: string | null; framework: FrameworkDetails | null }) {
  const gap = useQuery<GapAnswer>(gapQuery, { id: engineerId, competency: competency.id, framework: frameworkId });
  return (
    <div className="gap" data-gap={competency.id}>
      <Async result={gap} what="the gap to the next level">
        {({ gapToNextLevel: g }) =>
          g.nextLevel === null ? (
            <p>At the top of {competency.name}: there is no next level.</p>
          ) : (
            <>
              <h4>
                For {levelName(framework, g.nextLevel)}: {g.behavioursStillNeeded === 0 && g.evidenceStillNeeded === 0 ? 'nothing missing' : `${plural(g.behavioursStillNeeded, 'behaviour')} and ${plural(g.evidenceStillNeeded, 'evidence item')} still needed`}
                {g.oneBehaviourAway ? ' (one behaviour away)' : ''}
              </h4>
              <p className="hint">
                {g.behavioursCovered} of {g.behavioursRequired} behaviours required are covered; {g.evidenceCounted} of {g.evidenceRequired} evidence items counted
                {g.policy.recencyWindowDays ? ` (within ${g.policy.recencyWindowDays} days)` : ''}.
              </p>
              {g.missing.length > 0 && (
                <ul className="missing" data-list="missing">
                  {g.missing.map((b) => (
                    <li key={b.id}>{b.text}</li>
                  ))}
                </ul>
              )}
            </>
          )
        }
      </Async>
    </div>
  );
}

function History({ engineer, framework }: { engineer: NonNullable<Profile['engineer']>; framework: FrameworkDetails | null }) {
  const today = todayUtc();
  const instants = quarterEnds(today, 8);
  const history = useQuery<{ engineer: Record<string, { competency: { id: string }; skill: { id: string } | null; level: number }[]> | null }>(historyQuery(instants), { id: engineer.id });
  const top = framework ? Math.max(...framework.levels.map((l) => l.level)) : 6;
  const labels = [...instants, today];
  return (
    <Async result={history} what="the level history">
      {({ engineer: h }) => {
        const series = engineer.competencyLevels.map((r) => {
          const at = (list: { competency: { id: string }; skill: { id: string } | null; level: number }[] | undefined) =>
            Math.max(0, ...(list ?? []).filter((l) => l.competency.id === r.competency.id && l.skill === null).map((l) => l.level));
          return { competency: r.competency, points: [...instants.map((_, i) => at(h?.[`q${i}`])), r.demonstrated?.level ?? 0] };
        });
        const option: ChartOption = {
          tooltip: { trigger: 'axis' },
          legend: { top: 0, type: 'scroll' },
          grid: { left: 8, right: 24, top: 60, bottom: 28 },
          xAxis: { type: 'category', data: labels.map((d, i) => (i === labels.length - 1 ? 'now' : d)) },
          yAxis: { type: 'value', min: 0, max: top, interval: 1 },
          series: series.map((s) => ({ type: 'line', step: 'end', name: s.competency.name, data: s.points })),
        };
        return (
          <ChartFigure
            id="history"
            title="Level history"
            description="The demonstrated level per competency at the end of each quarter, and now."
            chart={<Chart name="history" option={option} label={`Lines: ${engineer.name}'s level per competency over the last two years`} height={280} />}
            table={
              <table data-table="history">
                <thead>
                  <tr>
                    <th scope="col">Competency</th>
                    {labels.map((d, i) => (
                      <th scope="col" key={d}>
                        {i === labels.length - 1 ? 'now' : d}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {series.map((s) => (
                    <tr key={s.competency.id}>
                      <th scope="row">{s.competency.name}</th>
                      {s.points.map((p, i) => (
                        <td key={i}>{p ? `L${p}` : '–'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        );
      }}
    </Async>
  );
}

function SkillLevels({ engineer, framework }: { engineer: NonNullable<Profile['engineer']>; framework: FrameworkDetails | null }) {
  const withinSkills = engineer.levels.filter((l) => l.skill !== null);
  if (withinSkills.length === 0) return null;
  const skills = [...new Map(withinSkills.map((l) => [l.skill!.id, l.skill!])).values()].sort((a, b) => a.name.localeCompare(b.name));
  const competencies = engineer.competencyLevels.map((r) => r.competency);
  const at = (competency: string, skill: string) => Math.max(0, ...withinSkills.filter((l) => l.competency.id === competency && l.skill!.id === skill).map((l) => l.level));
  return (
    <section className="card wide" aria-labelledby="skill-levels-title">
      <h2 id="skill-levels-title">Levels within skills</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Levels within skills">
        <table data-table="skill-levels">
          <thead>
            <tr>
              <th scope="col">Skill</th>
              {competencies.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {skills.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                {competencies.map((c) => {
                  const level = at(c.id, s.id);
                  return <td key={c.id}>{level ? levelName(framework, level) : '–'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
