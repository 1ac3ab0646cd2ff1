import { useId, useMemo, useState } from 'react';
import { chooseFramework, competencyChoices, frameworkChoices, levelName, teamChoices, useCatalogue, currentFramework, type Catalogue, type FrameworkDetails } from '../catalogue';
import { Chart, ChartFigure } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { DateField, SelectField } from '../components/fields';
import { Empty } from '../components/states';
import { Link, setSearch, useLocation } from '../router';
import { asOfFor, readDay, todayUtc } from '../url-state';
import { useQuery } from '../use-query';
import { Async, PageHeading, plural } from './common';

const readinessQuery = /* GraphQL */ `
  query Readiness($filter: PromotionReadinessFilter, $asOf: String) {
    promotionReadiness(filter: $filter, asOf: $asOf) {
      engineer { id name title team { id name } }
      competency { id name }
      demonstratedLevel
      calibratedLevel
      reasons
      gap {
        nextLevel
        behavioursStillNeeded
        evidenceStillNeeded
        missing { id text }
        sources { selfReported withArtefact peerEndorsed total }
        evidence { id }
      }
    }
  }
`;

/** The evidence behind one candidate's level, asked when it is opened (the whole list with every item's details is large). */
const evidenceQuery = /* GraphQL */ `
  query CandidateEvidence($id: ID!, $competency: String!, $framework: ID, $asOf: String) {
    gapToNextLevel(engineerId: $id, competency: $competency, framework: $framework, asOf: $asOf) {
      evidence { id kind title url date }
    }
  }
`;

interface Candidate {
  engineer: { id: string; name: string; title: string; team: { id: string; name: string } | null };
  competency: { id: string; name: string };
  demonstratedLevel: number;
  calibratedLevel: number | null;
  reasons: ('ABOVE_CALIBRATION' | 'ONE_BEHAVIOUR_AWAY')[];
  gap: {
    nextLevel: number | null;
    behavioursStillNeeded: number;
    evidenceStillNeeded: number;
    missing: { id: string; text: string }[];
    sources: { selfReported: number; withArtefact: number; peerEndorsed: number; total: number };
    evidence: { id: string }[];
  };
}

interface EvidenceItem {
  id: string;
  kind: string;
  title: string;
  url: string | null;
  date: string;
}

const reasonText = { ABOVE_CALIBRATION: 'Demonstrates more than calibrated', ONE_BEHAVIOUR_AWAY: 'One behaviour from the next level' } as const;
const shown = 50;

export function PromotionsPage() {
  const { search } = useLocation();
  const catalogue = useCatalogue();
  const frameworkId = chooseFramework(catalogue.data, search.get('framework') ?? '');
  const framework = currentFramework(catalogue, frameworkId);
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next);
  };
  return (
    <>
      <PageHeading title="Promotion readiness">
        Engineers whose evidence demonstrates more than the panel calibrated, or who are one behaviour from the next level, with the evidence behind each.
      </PageHeading>
      <Async result={catalogue} what="the organisation's catalogue">
        {(cat) => (
          <Async result={framework} what="the framework">
            {({ framework: fw }) => (fw ? <Readiness catalogue={cat} framework={fw} search={search} change={change} /> : <Empty>No framework is published yet.</Empty>)}
          </Async>
        )}
      </Async>
    </>
  );
}

function Readiness({ catalogue, framework, search, change }: { catalogue: Catalogue; framework: FrameworkDetails; search: URLSearchParams; change: (key: string, value: string) => void }) {
  const today = todayUtc();
  const competency = framework.competencies.some((c) => c.id === search.get('competency')) ? search.get('competency')! : '';
  const team = search.get('team') ?? '';
  const reason = search.get('reason') ?? '';
  const day = readDay(search.get('asOf'));
  const asOf = asOfFor(day, today);
  const [limit, setLimit] = useState(shown);
  const variables = useMemo(() => ({ filter: { framework: framework.id, ...(competency && { competency }), ...(team && { team }) }, asOf }), [framework.id, competency, team, asOf]);
  const readiness = useQuery<{ promotionReadiness: Candidate[] }>(readinessQuery, variables);
  return (
    <>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Framework" name="framework" value={framework.id} onChange={(v) => change('framework', v)} choices={frameworkChoices(catalogue)} />
        <SelectField label="Competency" name="competency" value={competency} onChange={(v) => change('competency', v)} choices={competencyChoices(framework, 'Every competency')} />
        <SelectField label="Team" name="team" value={team} onChange={(v) => change('team', v)} choices={teamChoices(catalogue)} />
        <SelectField
          label="Reason"
          name="reason"
          value={reason}
          onChange={(v) => change('reason', v)}
          choices={[
            { value: '', label: 'Either reason' },
            { value: 'ABOVE_CALIBRATION', label: reasonText.ABOVE_CALIBRATION },
            { value: 'ONE_BEHAVIOUR_AWAY', label: reasonText.ONE_BEHAVIOUR_AWAY },
          ]}
        />
        <DateField label="As of" name="asOf" value={day} max={today} onChange={(v) => change('asOf', v)} />
      </form>
      <Async result={readiness} what="promotion readiness">
        {({ promotionReadiness: all }) => {
          const list = reason ? all.filter((c) => c.reasons.includes(reason as Candidate['reasons'][number])) : all;
          if (list.length === 0) return <Empty>Nobody here is ready for promotion by these rules{day ? ` on ${day}` : ''}.</Empty>;
          const competencies = framework.competencies.filter((c) => list.some((x) => x.competency.id === c.id));
          const option: ChartOption = {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0 },
            grid: { left: 8, right: 16, top: 36, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1, name: 'candidates' },
            yAxis: { type: 'category', data: competencies.map((c) => c.name), inverse: true },
            series: (['ABOVE_CALIBRATION', 'ONE_BEHAVIOUR_AWAY'] as const).map((r, i) => ({
              type: 'bar',
              stack: 'reasons',
              name: reasonText[r],
              itemStyle: { color: i === 0 ? '#414487' : '#22a884' },
              data: competencies.map((c) => list.filter((x) => x.competency.id === c.id && x.reasons[0] === r).length),
            })),
          };
          return (
            <div className="grid">
              <ChartFigure
                id="readiness"
                title="Candidates per competency"
                description="By the first reason each candidate is listed for."
                chart={<Chart name="readiness" option={option} label={`Stacked bars: ${list.length} candidates on ${competencies.length} competencies`} height={Math.max(200, competencies.length * 44 + 70)} />}
                table={
                  <table data-table="readiness-summary">
                    <thead>
                      <tr>
                        <th scope="col">Competency</th>
                        <th scope="col">Candidates</th>
                      </tr>
                    </thead>
                    <tbody>
                      {competencies.map((c) => (
                        <tr key={c.id}>
                          <th scope="row">{c.name}</th>
                          <td>{list.filter((x) => x.competency.id === c.id).length}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
              <section className="card wide" aria-labelledby="candidates-title">
                <h2 id="candidates-title">{plural(list.length, 'candidate')}</h2>
                <ul className="candidates" data-list="candidates">
                  {list.slice(0, limit).map((c) => (
                    <CandidateItem key={`${c.engineer.id}:${c.competency.id}`} candidate={c} framework={framework} asOf={asOf} />
                  ))}
                </ul>
                {list.length > limit && (
                  <button type="button" onClick={() => setLimit((n) => n + shown)}>
                    Show {Math.min(shown, list.length - limit)} more of {list.length - limit}
                  </button>
                )}
              </section>
            </div>
          );
        }}
      </Async>
    </>
  );
}

function CandidateItem({ candidate: c, framework, asOf }: { candidate: Candidate; framework: FrameworkDetails; asOf: string | null }) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    <li className="candidate" data-candidate={`${c.engineer.id}:${c.competency.id}`}>
      <div className="candidate-line">
        <Link to={`/engineers/${encodeURIComponent(c.engineer.id)}`}>{c.engineer.name}</Link>
        <span className="muted">
          {' '}
          · {c.engineer.team?.name ?? 'no team'} · {c.competency.name}: demonstrated {c.demonstratedLevel ? levelName(framework, c.demonstratedLevel) : 'none yet'}
          {c.calibratedLevel !== null ? `, calibrated ${levelName(framework, c.calibratedLevel)}` : ', not calibrated'}
        </span>
        <span className="reasons">
          {c.reasons.map((r) => (
            <span key={r} className={`badge ${r.toLowerCase()}`}>
              {reasonText[r]}
            </span>
          ))}
        </span>
        <button type="button" className="disclosure small" aria-expanded={open} aria-controls={panel} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Show'} the evidence
          <span className="visually-hidden">
            {' '}
            for {c.engineer.name} on {c.competency.name}
          </span>
        </button>
      </div>
      <div id={panel} hidden={!open} className="candidate-panel">
        {open && (
          <>
            <p>
              {c.gap.nextLevel !== null
                ? `For ${levelName(framework, c.gap.nextLevel)}: ${plural(c.gap.behavioursStillNeeded, 'behaviour')} and ${plural(c.gap.evidenceStillNeeded, 'evidence item')} still needed.`
                : 'At the top level.'}{' '}
              Source mix: {c.gap.sources.withArtefact} with an artefact, {c.gap.sources.peerEndorsed} peer-endorsed, {c.gap.sources.selfReported} self-reported.
            </p>
            {c.gap.missing.length > 0 && (
              <>
                <h3 className="small-heading">Missing</h3>
                <ul className="missing">
                  {c.gap.missing.map((b) => (
                    <li key={b.id}>{b.text}</li>
                  ))}
                </ul>
              </>
            )}
            <h3 className="small-heading">Evidence for the demonstrated level ({plural(c.gap.evidence.length, 'item')})</h3>
            {c.gap.evidence.length === 0 ? <p className="muted">None yet.</p> : <CandidateEvidence candidate={c} framework={framework} asOf={asOf} />}
          </>
        )}
      </div>
    </li>
  );
}

function CandidateEvidence({ candidate: c, framework, asOf }: { candidate: Candidate; framework: FrameworkDetails; asOf: string | null }) {
  const evidence = useQuery<{ gapToNextLevel: { evidence: EvidenceItem[] } }>(evidenceQuery, { id: c.engineer.id, competency: c.competency.id, framework: framework.id, asOf });
  return (
    <Async result={evidence} what="the evidence">
      {({ gapToNextLevel: g }) => (
        <ul className="evidence" data-list="evidence">
          {g.evidence.map((e) => (
            <li key={e.id} data-evidence={e.id}>
              {e.url ? (
                <a href={e.url} target="_blank" rel="noopener noreferrer">
                  {e.title}
                </a>
              ) : (
                e.title
              )}{' '}
              <span className="muted">· {e.date}</span>
            </li>
          ))}
        </ul>
      )}
    </Async>
  );
}
