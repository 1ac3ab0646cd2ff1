/**
 * The progression framework seeded by embedded mode for the demo organisation.
 * All wording here is original demo content with a fintech flavour.
 * Leadership deliberately has no behaviours at levels 1 and 2.
 */
import { standardCompetencies, type DraftBehaviour, type FrameworkDraft } from '@skills-graph/domain';

type Entry = readonly [id: string, text: string, notes: readonly string[], examples: readonly string[]];

function cell(competencyId: string, level: number, entries: readonly Entry[]): DraftBehaviour[] {
  return entries.map(([id, text, notes, examples]) => ({
    id,
    level,
    competencyId,
    text,
    notes: [...notes],
    examples: [...examples],
  }));
}

const mastery: DraftBehaviour[] = [
  ...cell('mastery', 1, [
    [
      'mastery-1-ships-small-tested-changes',
      'Delivers small, well-scoped changes to a service together with unit tests, and asks for help early when the code is unfamiliar.',
      ['Work is usually picked from a refined backlog with a clear acceptance criterion.'],
      ['Adds a validation rule to the payout request handler, with tests for each rejected input.'],
    ],
    [
      'mastery-1-runs-services-locally',
      "Runs the team's services on their own machine and uses the debugger, logs and test suite to understand how they behave.",
      ['Knows where the runbooks and the local setup guide live.'],
      ['Reproduces a failing reconciliation test locally before asking a reviewer to look at it.'],
    ],
    [
      'mastery-1-handles-money-safely',
      "Follows the team's rules for money amounts, currencies and rounding without needing reminders.",
      ['Amounts are never held as floating point numbers.'],
      ['Uses the minor-units money type when adding a fee column to a ledger entry.'],
    ],
  ]),
  ...cell('mastery', 2, [
    [
      'mastery-2-owns-features-end-to-end',
      'Builds a feature across the service code, its schema migration and its dashboards with light guidance.',
      ['Still checks the design with a more experienced engineer before starting.'],
      ['Adds scheduled repayments to the loan servicing API, including the migration and an alert on failed runs.'],
    ],
    [
      'mastery-2-writes-resilient-consumers',
      'Writes Kafka consumers that cope with retries, malformed messages and restarts without dropping or double-applying events.',
      ['Uses the shared dead-letter topic conventions.'],
      ['Adds offset handling and a poison-message path to the card authorisation event consumer.'],
    ],
    [
      'mastery-2-debugs-production-defects',
      'Finds the cause of production defects from logs, traces and metrics, and fixes them with a regression test.',
      ['Writes down what they checked so the next person can follow the trail.'],
      ['Traces a duplicated push notification to a missing unique key and adds a test that would have caught it.'],
    ],
  ]),
  ...cell('mastery', 3, [
    [
      'mastery-3-designs-idempotent-consumers',
      'Designs payment flows so every step can be replayed safely after a partial failure.',
      ['Idempotency keys and outbox tables are the usual tools.'],
      ['Introduces idempotency keys on the payout pipeline so a retried bank call can never pay twice.'],
    ],
    [
      'mastery-3-chooses-storage-deliberately',
      'Picks between storage options such as PostgreSQL and Cassandra from the access patterns, consistency needs and running cost.',
      ['The reasoning is written down, not only the outcome.'],
      ['Moves card transaction history to Cassandra after measuring read patterns, while balances stay in PostgreSQL.'],
    ],
    [
      'mastery-3-leaves-code-healthier',
      'Refactors the code they touch so the next change is cheaper, and keeps the test suite quick and trustworthy.',
      ['Flaky tests are treated as defects, not noise.'],
      ['Splits a 3,000-line interest calculation module into tested pieces while shipping a rate change.'],
    ],
    [
      'mastery-3-plans-reversible-rollouts',
      'Plans rollouts with feature flags, dual writes or shadow traffic so changes that move money can be undone.',
      ['A rollback plan is part of the pull request, not an afterthought.'],
      ['Runs the new fee engine in shadow mode for two weeks and compares its output with the old one before switching.'],
    ],
  ]),
  ...cell('mastery', 4, [
    [
      'mastery-4-designs-service-boundaries',
      'Shapes the boundaries and contracts between several services so that teams can change them independently.',
      ['Contracts are versioned and have consumer-driven tests.'],
      ['Defines the gRPC contract between lending decisions and loan servicing so both teams can release on their own schedule.'],
    ],
    [
      'mastery-4-engineers-for-failure',
      'Foresees failure modes across services, such as duplicate settlement files, clock drift or a partner outage, and builds controls for them.',
      ['Controls include alerts, reconciliations and circuit breakers, not only code paths.'],
      ['Adds a daily three-way reconciliation between ledger, scheme files and bank statements.'],
    ],
    [
      'mastery-4-sets-domain-technical-direction',
      'Sets and documents the technical direction for a domain such as card clearing or loan servicing.',
      ['The direction is revisited at least once a year.'],
      ['Publishes a two-year technical plan for the clearing domain that the three clearing squads work from.'],
    ],
  ]),
  ...cell('mastery', 5, [
    [
      'mastery-5-solves-cross-domain-problems',
      'Untangles problems that cross several domains, for example getting ledger, clearing and reporting to agree on one source of truth.',
      ['Usually involves data, process and organisational fixes together.'],
      ['Leads the redesign that ends month-end mismatches between the general ledger and the regulatory reports.'],
    ],
    [
      'mastery-5-evaluates-technology-bets',
      'Tests new technologies with time-boxed experiments and a clear exit plan before the organisation commits to them.',
      ['Includes the cost of running and hiring for the technology, not only its features.'],
      ['Runs a six-week trial of an LLM assistant for dispute handling with agreed success and stop criteria.'],
    ],
    [
      'mastery-5-raises-engineering-bar',
      'Raises the engineering standard across many teams through shared libraries, reference services and reviews of critical designs.',
      ['Their libraries are adopted because they are good, not because they are mandated.'],
      ['Builds the shared Go money and idempotency library now used by most payment services.'],
    ],
  ]),
  ...cell('mastery', 6, [
    [
      'mastery-6-shapes-company-architecture',
      "Defines the company's long-term architecture and how it will meet regulatory and growth demands several years ahead.",
      ['Works closely with risk and compliance as well as engineering.'],
      ['Sets out the multi-region ledger architecture needed before the company applies for a banking licence abroad.'],
    ],
    [
      'mastery-6-recognised-authority',
      'Is sought out inside and outside the company as an authority on a field such as payment systems or distributed data.',
      ['External recognition follows from work that others can build on.'],
      ['Is asked by a card scheme to review a draft of its new clearing message format.'],
    ],
  ]),
];

const impact: DraftBehaviour[] = [
  ...cell('impact', 1, [
    [
      'impact-1-delivers-assigned-tasks',
      'Finishes assigned tasks within the agreed iteration and says early when something will slip.',
      ['Estimates may be rough; the early warning matters more.'],
      ['Flags on day two that a card-freeze ticket needs an API change from another squad.'],
    ],
    [
      'impact-1-knows-customer-effect',
      'Can explain how their work shows up for customers, for instance what a failed top-up looks like in the app.',
      ['Has watched at least one customer support session or call recording.'],
      ['Adds a clearer error message after seeing how customers read the failed transfer screen.'],
    ],
  ]),
  ...cell('impact', 2, [
    [
      'impact-2-delivers-features-predictably',
      'Delivers features a few weeks in size on a predictable schedule and keeps tickets and stakeholders informed.',
      ['Splits work so that something useful ships every week or two.'],
      ['Delivers the direct debit mandate screen in three increments, each released behind a flag.'],
    ],
    [
      'impact-2-takes-on-call-shifts',
      'Takes part in the on-call rota and resolves common alerts using the runbooks.',
      ['Improves a runbook whenever one turns out to be wrong.'],
      ['Clears a stuck settlement batch overnight by following and then correcting the runbook.'],
    ],
    [
      'impact-2-checks-outcomes-after-release',
      'Checks after release that a change did what it was meant to, using product metrics or error rates.',
      ['Agrees the success measure before the work starts.'],
      ['Confirms that the new retry policy cut failed card top-ups by a third in the first week.'],
    ],
  ]),
  ...cell('impact', 3, [
    [
      'impact-3-leads-team-projects',
      'Leads a project of several people inside the team from planning to launch, including cutover and clean-up.',
      ['Clean-up includes removing flags and dead code.'],
      ['Leads the move of savings interest accrual to the new ledger, including decommissioning the old job.'],
    ],
    [
      'impact-3-removes-operational-toil',
      'Removes repeated manual work, such as hand-made refunds or reconciliation spreadsheets, by automating it.',
      ['Measures the hours saved so the value is visible.'],
      ['Replaces the weekly chargeback spreadsheet with a tool that saves operations a day each week.'],
    ],
    [
      'impact-3-leads-incident-response',
      'Acts as incident lead for customer-facing payment or lending outages and sees the follow-up actions through.',
      ['Follow-ups are tracked to completion, not only filed.'],
      ['Runs the response to a two-hour card authorisation outage and closes all its actions within a month.'],
    ],
  ]),
  ...cell('impact', 4, [
    [
      'impact-4-delivers-cross-team-programmes',
      'Delivers programmes that span several teams, such as moving to a new card scheme integration, while holding scope and dates.',
      ['Manages dependencies actively rather than waiting on them.'],
      ['Coordinates four squads to migrate all card clearing onto the new scheme interface before the deadline.'],
    ],
    [
      'impact-4-ties-work-to-business-goals',
      'Chooses and reshapes work according to its effect on revenue, losses, cost or regulatory exposure.',
      ['Can say in one sentence why the current work matters to the business.'],
      ['Re-orders the lending roadmap after showing that early fraud checks would cut losses more than a new feature.'],
    ],
    [
      'impact-4-owns-reliability-targets',
      'Sets and meets service level objectives for a critical flow and makes the error budget visible to everyone.',
      ['Uses the error budget to decide between feature work and reliability work.'],
      ['Introduces an availability objective for instant payouts and a dashboard that product reviews weekly.'],
    ],
  ]),
  ...cell('impact', 5, [
    [
      'impact-5-moves-company-metrics',
      'Produces results that shift company-level measures such as payment approval rate or credit losses.',
      ['The effect is measured and attributed with care.'],
      ['Raises card approval rate by two points through smarter retry routing across acquirers.'],
    ],
    [
      'impact-5-unblocks-strategic-initiatives',
      'Gets stalled strategic initiatives moving again across departments by finding a path everyone can commit to.',
      ['Often means trimming scope that nobody wanted to be the one to cut.'],
      ['Restarts the stalled open banking launch by agreeing a reduced first release with legal and product.'],
    ],
    [
      'impact-5-reduces-systemic-risk',
      'Finds and reduces systemic risks, such as single points of failure in settlement, before they cause harm.',
      ['Keeps a written risk register for their area.'],
      ['Removes the single settlement server that every payment rail depended on.'],
    ],
  ]),
  ...cell('impact', 6, [
    [
      'impact-6-defines-multi-year-bets',
      'Defines multi-year technical bets that open up new products or markets, such as launching in a new country.',
      ['Bets have checkpoints where they can be stopped.'],
      ['Designs the platform plan that lets the company launch consumer lending in two new markets.'],
    ],
    [
      'impact-6-accountable-for-critical-outcomes',
      'Shares accountability with the leadership team for outcomes the company cannot afford to get wrong, such as a licence audit.',
      ['Their judgement is trusted on matters of existential risk.'],
      ['Is the accountable engineer for the technology section of the e-money licence renewal.'],
    ],
  ]),
];

const influence: DraftBehaviour[] = [
  ...cell('influence', 1, [
    [
      'influence-1-shares-learning',
      'Shares what they learn in team channels or short demos so that others gain from it too.',
      ['Small, frequent sharing counts more than polished talks at this level.'],
      ['Posts a short write-up on how the sandbox card issuer simulates declines.'],
    ],
    [
      'influence-1-asks-useful-questions',
      'Asks questions in reviews and planning that help the team spot gaps early.',
      ['Being new is treated as an advantage: fresh eyes notice assumptions.'],
      ['Asks during planning what happens to a refund if the original card has expired, which reveals a missing case.'],
    ],
  ]),
  ...cell('influence', 2, [
    [
      'influence-2-improves-team-practices',
      "Suggests and adopts small improvements to the team's ways of working, such as a better pull request template or a new lint rule.",
      ['Checks the improvement with the team before enforcing it.'],
      ['Adds a lint rule that blocks floating point arithmetic on money types across the squad.'],
    ],
    [
      'influence-2-reviews-thoughtfully',
      "Reviews teammates' pull requests promptly, with comments that explain the reasoning behind them.",
      ['Separates must-fix comments from suggestions.'],
      ['Keeps review turnaround under a day and links to the relevant runbook when asking for changes.'],
    ],
    [
      'influence-2-helps-newcomers',
      'Helps newcomers become productive by pairing with them and filling gaps in the onboarding material.',
      ['Updates the onboarding guide after each new joiner.'],
      ['Pairs with a new joiner through their first on-call shadow week.'],
    ],
  ]),
  ...cell('influence', 3, [
    [
      'influence-3-mentors-engineers',
      'Mentors one or more engineers through regular sessions with goals both sides agree on.',
      ['Mentoring can cross team boundaries.'],
      ['Meets a junior engineer fortnightly for six months while they learn Kafka and take on their first feature.'],
    ],
    [
      'influence-3-writes-rfcs',
      'Writes RFCs that frame a problem, compare options and win agreement from the teams affected.',
      ['A good RFC records the options that were turned down and why.'],
      ['Writes the RFC for moving loan events to a shared schema registry and gets sign-off from three teams.'],
    ],
    [
      'influence-3-shapes-team-roadmap',
      "Shapes the team's technical roadmap together with the product manager and engineering manager.",
      ['Brings technical debt to the roadmap with a clear cost attached.'],
      ['Gets a quarter of capacity allocated to retiring the legacy card processor adapter.'],
    ],
  ]),
  ...cell('influence', 4, [
    [
      'influence-4-aligns-teams-on-standards',
      'Brings several teams into line on shared standards, such as event schemas or API versioning rules.',
      ['Standards come with tooling that makes following them easy.'],
      ['Leads agreement on one event envelope format for all payments and lending topics.'],
    ],
    [
      'influence-4-grows-senior-engineers',
      'Helps engineers grow towards senior roles through coaching, sponsorship and stretch assignments.',
      ['Sponsorship means putting their name forward for visible work.'],
      ['Coaches two engineers to lead their first cross-team projects.'],
    ],
    [
      'influence-4-leads-community-of-practice',
      'Runs a guild or community of practice, for example on observability or Go, that people attend because it helps them.',
      ['Attendance and outcomes are tracked lightly, without making it a chore.'],
      ['Runs the monthly observability guild that produced the shared tracing conventions.'],
    ],
  ]),
  ...cell('influence', 5, [
    [
      'influence-5-shapes-engineering-culture',
      'Shapes engineering culture across the department, for instance blameless incident reviews or regular design reviews.',
      ['Changes in culture are shown by what people do without being asked.'],
      ['Introduces a weekly open design review that teams across the department now use by default.'],
    ],
    [
      'influence-5-informs-leadership-decisions',
      'Affects decisions taken by senior leadership through well-argued written proposals.',
      ['Proposals are concise and show the trade-offs honestly.'],
      ['Writes the proposal that convinces the executive team to fund a second data centre region.'],
    ],
    [
      'influence-5-represents-company-externally',
      "Represents the company's engineering at conferences, meetups or in open-source projects.",
      ['External work supports hiring and the company reputation.'],
      ['Speaks at a payments engineering conference about running Kafka for card authorisations.'],
    ],
  ]),
  ...cell('influence', 6, [
    [
      'influence-6-shapes-industry-practice',
      'Shapes practice across the industry, for example through work on card scheme or open banking standards.',
      ['Brings lessons from industry bodies back into the company.'],
      ['Sits on an open banking working group that drafts the next version of the payment initiation API.'],
    ],
    [
      'influence-6-builds-leadership-bench',
      "Builds a group of technical leaders who can carry the company's direction without depending on them.",
      ['Success is measured by what happens when they step away.'],
      ['Develops four principal engineers who now run the architecture forum on their own.'],
    ],
  ]),
];

const communicationFeedback: DraftBehaviour[] = [
  ...cell('communication-feedback', 1, [
    [
      'communication-feedback-1-reports-progress',
      'Keeps the team aware of progress and blockers in stand-ups and on tickets.',
      ['Short, regular updates beat long occasional ones.'],
      ['Updates the ticket each day while waiting for sandbox access from the acquiring bank.'],
    ],
    [
      'communication-feedback-1-takes-feedback-well',
      'Listens to feedback openly and acts on it.',
      ['Asks a follow-up question when the feedback is unclear.'],
      ['Changes how they structure pull requests after a reviewer says they are too large to follow.'],
    ],
    [
      'communication-feedback-1-writes-clear-prs',
      'Writes pull request descriptions that say what changed, why it changed and how it was tested.',
      ['Links the ticket and any relevant dashboards.'],
      ['Describes a currency conversion fix with before and after examples and the test data used.'],
    ],
  ]),
  ...cell('communication-feedback', 2, [
    [
      'communication-feedback-2-gives-constructive-feedback',
      'Gives teammates feedback that is specific, kind and possible to act on.',
      ['Feedback is given soon after the event, in private when it is critical.'],
      ['Tells a teammate after a demo that the fee breakdown slide lost the audience and suggests a simpler chart.'],
    ],
    [
      'communication-feedback-2-documents-decisions',
      'Writes down decisions and runbook steps where the team will find them later.',
      ['Uses decision records for choices that are hard to reverse.'],
      ['Records why the team chose at-least-once delivery for statement generation.'],
    ],
    [
      'communication-feedback-2-explains-to-non-engineers',
      'Explains technical trade-offs in plain language to product, operations or compliance colleagues.',
      ['Checks understanding rather than assuming it.'],
      ['Explains to the compliance team why a sanctions list update takes an hour to reach every service.'],
    ],
  ]),
  ...cell('communication-feedback', 3, [
    [
      'communication-feedback-3-facilitates-discussions',
      'Facilitates design discussions and retrospectives so that quieter people are heard and decisions are reached.',
      ['Ends each session with named owners for the next steps.'],
      ['Runs a retrospective after a missed release that leads to three concrete process changes.'],
    ],
    [
      'communication-feedback-3-writes-incident-reviews',
      'Writes incident reviews that lay out the timeline, contributing factors and actions without assigning blame.',
      ['Focuses on how the system allowed the mistake, not on who made it.'],
      ['Writes the review of a duplicated direct debit run that is later used as a model for other teams.'],
    ],
    [
      'communication-feedback-3-seeks-feedback',
      'Actively asks peers and stakeholders for feedback on their own work and conduct.',
      ['Acts visibly on what they hear.'],
      ['Asks the operations lead for feedback after each release of the disputes tool.'],
    ],
  ]),
  ...cell('communication-feedback', 4, [
    [
      'communication-feedback-4-handles-difficult-conversations',
      'Handles hard conversations, such as disagreements on priority or concerns about performance, with both care and directness.',
      ['Prepares for the conversation and follows up afterwards.'],
      ['Tells a partner team clearly that their deadline cannot be met and offers two realistic alternatives.'],
    ],
    [
      'communication-feedback-4-communicates-across-departments',
      'Communicates plans and risks clearly to leaders in finance, risk and operations.',
      ['Adapts the level of detail to the audience.'],
      ['Presents the settlement migration risks to the finance leadership team with a clear fallback plan.'],
    ],
    [
      'communication-feedback-4-builds-feedback-habits',
      'Makes regular two-way feedback a normal habit in the teams around them.',
      ['Models it by asking for feedback first.'],
      ['Introduces peer feedback pairs in the lending squads that most engineers keep using.'],
    ],
  ]),
  ...cell('communication-feedback', 5, [
    [
      'communication-feedback-5-explains-technical-strategy',
      'Explains technical strategy to executives and to the whole engineering organisation in a way people remember.',
      ['Uses stories and concrete examples, not only diagrams.'],
      ['Gives the all-hands talk that makes the ledger consolidation plan clear to every engineer.'],
    ],
    [
      'communication-feedback-5-mediates-conflicts',
      'Mediates conflicts between teams or leaders and helps them reach an agreement that lasts.',
      ['Stays neutral and keeps the focus on shared goals.'],
      ['Brokers an agreement between fraud and payments on who owns transaction blocking rules.'],
    ],
  ]),
  ...cell('communication-feedback', 6, [
    [
      'communication-feedback-6-speaks-for-engineering',
      'Speaks for engineering with the board, regulators or major partners.',
      ['Is trusted to represent engineering without preparation from others.'],
      ["Presents the company's operational resilience plan to the financial regulator."],
    ],
    [
      'communication-feedback-6-sets-communication-norms',
      'Sets the norms for how the company communicates technical decisions and risk.',
      ['Norms are written down and taught to new leaders.'],
      ['Introduces the company-wide format for reporting technology risk to the board risk committee.'],
    ],
  ]),
];

const leadership: DraftBehaviour[] = [
  ...cell('leadership', 3, [
    [
      'leadership-3-leads-a-workstream',
      'Leads a small group of engineers through a workstream, splitting the work and keeping everyone unblocked.',
      ['Leading here does not require line management.'],
      ['Leads three engineers through building the merchant refund API over a quarter.'],
    ],
    [
      'leadership-3-looks-after-team-health',
      'Notices and acts on signs of friction, overload or low morale in the team.',
      ['Raises concerns with the manager when they cannot resolve them alone.'],
      ['Spots that one engineer carries most of the on-call pages and rebalances the rota with the manager.'],
    ],
  ]),
  ...cell('leadership', 4, [
    [
      'leadership-4-leads-team-technically',
      "Acts as the technical lead for a team, owning its quality, delivery and on-call health.",
      ['Balances delivery pressure against long-term health of the codebase.'],
      ['Leads the card issuing squad through a year of launches while halving its alert volume.'],
    ],
    [
      'leadership-4-hires-and-assesses',
      'Designs and runs interviews and makes sound hiring recommendations.',
      ['Calibrates with other interviewers regularly.'],
      ['Designs the payments system design interview used by the whole department.'],
    ],
    [
      'leadership-4-delegates-for-growth',
      'Hands meaningful work to others so they can grow, rather than doing it all personally.',
      ['Provides support without taking the work back.'],
      ['Lets a mid-level engineer lead the statement service rewrite while acting as their safety net.'],
    ],
  ]),
  ...cell('leadership', 5, [
    [
      'leadership-5-leads-across-teams',
      'Provides technical leadership across several teams in an area such as lending or payments.',
      ['Works through the team leads rather than around them.'],
      ['Acts as technical lead for all five lending squads during the move to the new decision engine.'],
    ],
    [
      'leadership-5-builds-organisational-capability',
      'Builds capabilities the organisation lacks, such as a fraud engineering function or a data platform team.',
      ['Includes hiring, charter and first roadmap.'],
      ['Sets up the first fraud engineering squad and hires its initial engineers.'],
    ],
    [
      'leadership-5-leads-through-crises',
      'Leads calmly through major incidents or business crises and keeps people focused on what matters.',
      ['Protects people from burnout during long incidents.'],
      ['Steers the department through a week-long partner bank outage with rotating incident teams.'],
    ],
  ]),
  ...cell('leadership', 6, [
    [
      'leadership-6-sets-engineering-vision',
      'Sets a vision for engineering that many teams organise their work around.',
      ['The vision is simple enough to repeat from memory.'],
      ['Writes the engineering vision that guides every area roadmap for the next three years.'],
    ],
    [
      'leadership-6-develops-leaders',
      'Develops senior leaders and plans succession for critical roles.',
      ['Keeps a succession plan for every critical role in their organisation.'],
      ['Prepares two staff engineers to step into area technical lead roles.'],
    ],
  ]),
];

export const demoFramework: FrameworkDraft = {
  name: 'Fintech Engineering (demo)',
  levels: [
    { level: 1, name: 'Foundation', summary: 'Learning the systems and delivering small, well-defined changes with support.' },
    { level: 2, name: 'Developing', summary: 'Delivering features independently within the team.' },
    { level: 3, name: 'Established', summary: 'Leading work inside the team and improving how it runs.' },
    { level: 4, name: 'Senior', summary: 'Shaping a domain and the work of several teams.' },
    { level: 5, name: 'Staff', summary: 'Changing outcomes for a whole area or department.' },
    { level: 6, name: 'Principal', summary: 'Setting direction for the company and representing it externally.' },
  ],
  competencies: standardCompetencies.map((competency) => ({ ...competency })),
  behaviours: [...mastery, ...impact, ...influence, ...communicationFeedback, ...leadership],
  policy: { coverageShare: 0.5, minimumEvidence: 1, recencyWindowDays: null },
};
