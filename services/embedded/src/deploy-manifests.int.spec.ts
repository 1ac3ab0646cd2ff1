import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, PersistentVolumeClaim, Service } from 'kubernetes-models/v1';
import { serviceNames, type ServiceName } from '@skills-graph/config';

// The deployment files, checked offline (no Docker engine or cluster here):
// - every kustomization (k8s/overlays/*, k8s/embedded) rendered with kustomize (`kubectl kustomize`) and every object
//   validated against the Kubernetes 1.27 OpenAPI schemas that kubernetes-models 4.5.1 carries (its model class
//   and .validate()), then against what the services need (environment, probes, resources, policies);
// - docker-compose.yml validated against the Compose specification's JSON schema (deploy/compose/compose-spec.schema.json);
// - the Dockerfile template's shape.
// The environment each service gets is deploy/service-environment.json (the distributed end-to-end test gives each
// process the same names).

const root = join(import.meta.dirname, '..', '..', '..');
const kustomizations = ['k8s/overlays/local', 'k8s/overlays/production', 'k8s/embedded'] as const;
const stateless: ServiceName[] = ['gateway', 'framework', 'people', 'evidence'];
const followers: ServiceName[] = ['assessment', 'projector', 'relay'];

interface ServiceEnvironment {
  common: string[];
  services: Record<ServiceName, string[]>;
  fixed: Record<string, string>;
  productionAdditions: Partial<Record<ServiceName, string[]>>;
}
const environment = JSON.parse(readFileSync(join(root, 'deploy', 'service-environment.json'), 'utf8')) as ServiceEnvironment;
const expectedEnvironment = (service: ServiceName, additions: string[] = []) => [...environment.common, ...environment.services[service], ...additions].sort();

// ---------------------------------------------------------------- kustomize

/** kustomize: KUSTOMIZE_BIN (a kustomize v5 binary), else kubectl (v1.27+ embeds kustomize v5), else kustomize on PATH. */
function kustomizeCommand(): { file: string; args: string[] } {
  const explicit = process.env['KUSTOMIZE_BIN'];
  if (explicit) return { file: explicit, args: ['build'] };
  const onPath = (name: string) => (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
  if (onPath('kubectl')) return { file: 'kubectl', args: ['kustomize'] };
  if (onPath('kustomize')) return { file: 'kustomize', args: ['build'] };
  throw new Error(
    'Rendering k8s/ needs kustomize v5: kubectl v1.27 or later on PATH (it embeds kustomize; `kubectl kustomize`), a `kustomize` v5 binary on PATH, ' +
      'or KUSTOMIZE_BIN=/path/to/kustomize. Debian 12 packages only kubectl 1.20 (kubernetes-client, kustomize v2: too old); with Go 1.22+ ' +
      '`go install sigs.k8s.io/kustomize/kustomize/v5@v5.5.0` builds one from the Go module proxy.',
  );
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}

function render(dir: string): K8sObject[] {
  const { file, args } = kustomizeCommand();
  const output = execFileSync(file, [...args, dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(output)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

type Model = new (data: any) => { validate(): void };
const models: Record<string, Record<string, Model>> = {
  v1: { ConfigMap, Service, PersistentVolumeClaim },
  'apps/v1': { Deployment },
  'batch/v1': { Job },
  'policy/v1': { PodDisruptionBudget },
  'autoscaling/v2': { HorizontalPodAutoscaler },
  'networking.k8s.io/v1': { NetworkPolicy },
};

/** Validates one object against the Kubernetes 1.27 schema of its kind; throws naming the object and the problem. */
function validateObject(object: K8sObject): void {
  const model = models[object.apiVersion]?.[object.kind];
  if (!model) throw new Error(`${object.kind} ${object.metadata?.name}: no schema for ${object.apiVersion} ${object.kind} in this test (add its model)`);
  try {
    new model(object).validate();
  } catch (error) {
    throw new Error(`${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
  }
}

const rendered = new Map<string, K8sObject[]>();
beforeAll(() => {
  for (const dir of kustomizations) rendered.set(dir, render(dir));
}, 60_000);

const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
/** ConfigMaps are generated with a content hash suffix: find one by the name it was given. */
const configMap = (objects: K8sObject[], name: string) => objects.find((o) => o.kind === 'ConfigMap' && (o.metadata.name === name || new RegExp(`^${name}-[a-z0-9]{10}$`).test(o.metadata.name)));

describe.each(kustomizations)('%s', (dir) => {
  it('renders objects that all validate against the Kubernetes 1.27 schemas', () => {
    const objects = rendered.get(dir)!;
    expect(objects.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const object of objects) {
      try {
        validateObject(object);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    expect(problems).toEqual([]);
  });

  it('references only ConfigMaps it renders (and keys they have) and Secrets it does not commit', () => {
    const objects = rendered.get(dir)!;
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const workload of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
      for (const container of workload.spec.template.spec.containers) {
        for (const source of container.envFrom ?? []) expect([workload.metadata.name, find(objects, 'ConfigMap', source.configMapRef.name)?.kind]).toEqual([workload.metadata.name, 'ConfigMap']);
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.configMapKeyRef;
          if (ref) expect([variable.name, find(objects, 'ConfigMap', ref.name)?.data?.[ref.key] !== undefined]).toEqual([variable.name, true]);
          const secret = variable.valueFrom?.secretKeyRef;
          if (secret) expect(['skills-graph-postgres', 'skills-graph-neo4j']).toContain(secret.name);
        }
      }
    }
  });

  it('selects existing pods from every Service, PodDisruptionBudget and HorizontalPodAutoscaler', () => {
    const objects = rendered.get(dir)!;
    const podLabels = objects.filter((o) => o.kind === 'Deployment').map((d) => d.spec.template.metadata.labels as Record<string, string>);
    const selects = (selector: Record<string, string>) => podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
    for (const service of objects.filter((o) => o.kind === 'Service')) expect([service.metadata.name, selects(service.spec.selector)]).toEqual([service.metadata.name, true]);
    for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) expect([pdb.metadata.name, selects(pdb.spec.selector.matchLabels)]).toEqual([pdb.metadata.name, true]);
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) expect(find(objects, 'Deployment', hpa.spec.scaleTargetRef.name)).toBeDefined();
  });
});

describe.each(['k8s/overlays/local', 'k8s/overlays/production'] as const)('%s: the distributed services', (dir) => {
  const deployment = (service: ServiceName) => find(rendered.get(dir)!, 'Deployment', `skills-graph-${service}`)!;

  it.each(serviceNames)('%s gets exactly its environment (deploy/service-environment.json), with the fixed values', (service) => {
    const objects = rendered.get(dir)!;
    const container = deployment(service).spec.template.spec.containers[0];
    const fromConfigMaps = (container.envFrom ?? []).flatMap((s: any) => Object.keys(configMap(objects, s.configMapRef.name)!.data ?? {}));
    const names = [...fromConfigMaps, ...(container.env ?? []).map((v: any) => v.name)];
    expect(names.length).toBe(new Set(names).size);
    const additions = dir.endsWith('production') ? (environment.productionAdditions[service] ?? []) : [];
    expect(names.sort()).toEqual(expectedEnvironment(service, additions));
    const values = Object.fromEntries((container.envFrom ?? []).flatMap((s: any) => Object.entries(configMap(objects, s.configMapRef.name)!.data ?? {})));
    for (const [name, value] of Object.entries(environment.fixed)) if (name in values) expect([service, name, values[name]]).toEqual([service, name, value]);
  });

  it.each(serviceNames)('%s has requests and limits, liveness on /health, readiness on /ready, a startup probe and a non-root, read-only container', (service) => {
    const pod = deployment(service).spec.template.spec;
    const container = pod.containers[0];
    expect(container.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    expect(container.resources.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.startupProbe.httpGet.path).toBe('/health');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });

  it('scales the gateway and command services with an HPA and a PDB, and runs two replicas of each follower with a PDB', () => {
    const objects = rendered.get(dir)!;
    for (const service of stateless) {
      expect(find(objects, 'HorizontalPodAutoscaler', `skills-graph-${service}`)?.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(find(objects, 'PodDisruptionBudget', `skills-graph-${service}`)).toBeDefined();
    }
    for (const service of followers) {
      expect(deployment(service).spec.replicas).toBe(2);
      expect(find(objects, 'HorizontalPodAutoscaler', `skills-graph-${service}`)).toBeUndefined();
      expect(find(objects, 'PodDisruptionBudget', `skills-graph-${service}`)).toBeDefined();
    }
  });

  it('denies by default, lets traffic in to the gateway only, and lets each service out to what it needs', () => {
    const policies = rendered.get(dir)!.filter((o) => o.kind === 'NetworkPolicy');
    const deny = policies.find((p) => p.metadata.name === 'skills-graph-default-deny')!;
    expect(deny.spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'skills-graph' } }, policyTypes: ['Ingress', 'Egress'] });
    const ingress = policies.filter((p) => p.spec.ingress);
    expect(ingress.map((p) => p.spec.podSelector.matchLabels['app.kubernetes.io/component'])).toEqual(['gateway']);
    const egressTo = (port: number) =>
      policies
        .filter((p) => p.spec.egress?.some((rule: any) => rule.ports?.some((x: any) => x.port === port)))
        .flatMap((p) => p.spec.podSelector.matchExpressions?.find((e: any) => e.key === 'app.kubernetes.io/component')?.values ?? [])
        .sort();
    expect(egressTo(5432)).toEqual([...serviceNames, 'migrate'].sort());
    expect(egressTo(7687)).toEqual(['gateway', 'migrate', 'projector']);
    expect(egressTo(9092)).toEqual(['assessment', 'evidence', 'framework', 'gateway', 'people', 'relay']);
    expect(policies.some((p) => p.spec.egress?.some((rule: any) => rule.ports?.some((x: any) => x.port === 53)))).toBe(true);
  });

  it('has a Job that runs the migrations main with the settings it needs', () => {
    const job = find(rendered.get(dir)!, 'Job', 'skills-graph-migrate')!;
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toEqual(['node', 'services/embedded/dist/service-mains/migrate-main.js']);
    expect(existsSync(join(root, 'services', 'embedded', 'src', 'service-mains', 'migrate-main.ts'))).toBe(true);
    expect(container.env.map((v: any) => v.name).sort()).toEqual(['NEO4J_PASSWORD', 'NEO4J_URI', 'NEO4J_USERNAME', 'POSTGRES_URL', 'READ_MODEL']);
  });
});

describe('the validation itself', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-kustomize-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a deliberately invalid object rendered by kustomize (replicas not an integer, no selector)', () => {
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - broken.yaml\n');
    writeFileSync(
      join(dir, 'broken.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: two\n  template:\n    spec:\n      containers:\n        - name: x\n          image: x\n',
    );
    const [broken] = render(dir);
    expect(() => validateObject(broken!)).toThrow(/Deployment broken: .*(replicas|selector)/);
  });

  it('refuses a kind it has no schema for', () => {
    expect(() => validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(/no schema for example.com\/v1 Widget/);
  });
});

// ---------------------------------------------------------------- docker compose

describe('docker-compose.yml', () => {
  // Draft 2019-09, named by its old http://…/schema# spelling that Ajv does not resolve: compiled by Ajv2019 without it.
  const { $schema: draft, ...schema } = JSON.parse(readFileSync(join(root, 'deploy', 'compose', 'compose-spec.schema.json'), 'utf8')) as { $schema: string };
  expect(draft).toBe('http://json-schema.org/draft/2019-09/schema#');
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  // The formats the Compose schema names (Go duration, port and CIDR syntax as Compose accepts them).
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  // Its draft-04 style string "id" annotations ("#/definitions/service") are not identifiers in 2019-09: dropped.
  const withoutIds = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(withoutIds) : node && typeof node === 'object' ? Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)])) : node;
  const validate = ajv.compile(withoutIds(schema) as object);
  const problemsOf = (document: unknown) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
  const envFile = (path: string) =>
    readFileSync(join(root, path), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));

  it('validates against the Compose specification schema', () => {
    expect(problemsOf(compose)).toEqual([]);
  });

  it('refuses a broken compose file (the schema is really applied)', () => {
    const broken = structuredClone(compose);
    broken.services['gateway'].healthcheck.interval = 10;
    broken.services['gateway'].depends_on.postgres = { condition: 'when_ready' };
    broken.services['gateway'].restartt = 'always';
    const problems = problemsOf(broken);
    expect(problems.some((p) => p.includes('/services/gateway/healthcheck/interval'))).toBe(true);
    expect(problems.some((p) => p.includes('additional properties'))).toBe(true);
  });

  it.each(serviceNames)('%s gets exactly its environment (deploy/service-environment.json), a /health healthcheck and waits for what it needs', (service) => {
    const definition = compose.services[service];
    const fromFiles = (definition.env_file as string[]).flatMap((f) => envFile(f.replace(/^\$\{[A-Z_]+:-(.+)\}$/, '$1')));
    expect([...fromFiles, ...Object.keys(definition.environment)].sort()).toEqual(expectedEnvironment(service));
    for (const [name, value] of Object.entries(environment.fixed)) if (name in definition.environment) expect([service, name, definition.environment[name]]).toEqual([service, name, value]);
    expect(definition.healthcheck.test.join(' ')).toContain('/health');
    expect(definition.build).toMatchObject({ dockerfile: 'deploy/Dockerfile', args: { SERVICE: service } });
    const needs = environment.services[service];
    const dependsOn = definition.depends_on as Record<string, { condition: string }>;
    expect(dependsOn['postgres']).toEqual({ condition: 'service_healthy' });
    expect(dependsOn['migrate']).toEqual({ condition: 'service_completed_successfully' });
    if (needs.includes('NEO4J_URI')) expect(dependsOn['neo4j']).toEqual({ condition: 'service_healthy' });
    if (needs.includes('KAFKA_BROKERS')) expect(dependsOn['kafka']).toEqual({ condition: 'service_healthy' });
    if (followers.includes(service)) expect(definition.deploy.replicas).toBe(2);
  });

  it('runs Kafka in KRaft mode, health-checks every server, and has a KurrentDB profile', () => {
    expect(compose.services['kafka'].environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    for (const server of ['postgres', 'neo4j', 'kafka', 'kurrentdb']) expect(compose.services[server].healthcheck.test).toBeDefined();
    expect(compose.services['kurrentdb'].profiles).toEqual(['eventstoredb']);
    expect(envFile('deploy/compose/eventstoredb.env')).toEqual(['EVENT_STORE', 'ESDB_CONNECTION_STRING']);
  });
});

// ---------------------------------------------------------------- Dockerfile

describe('deploy/Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');

  it('is one multi-stage template: build stage, non-root runtime with a /health healthcheck, the main chosen by SERVICE', () => {
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/^FROM \S+ AS runtime$/m);
    expect(dockerfile).toMatch(/npm ci[\s\S]*npm run build[\s\S]*npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^ARG SERVICE=embedded$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/health/m);
    expect(dockerfile).toContain('services/dashboard/dist/index.html');
    for (const service of serviceNames) expect(existsSync(join(root, 'services', 'embedded', 'src', 'service-mains', `${service}-main.ts`))).toBe(true);
    expect(dockerfile).toContain('gateway|framework|people|evidence|assessment|projector|relay)');
  });
});
