import { parseAllDocuments } from "yaml";
import { envSchema } from "../../src/config/env.schema";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- manifests are free-form YAML, checked field by field */
type Doc = Record<string, any>;
/** One YAML document and the file it came from. */
export interface Manifest {
  file: string;
  doc: Doc;
}

const REQUIRED_KINDS = ["Deployment", "Service", "PodDisruptionBudget", "ServiceMonitor", "Secret"];

/** Every document of every file; a file that does not parse is a problem, not a throw. */
export function parseManifests(files: Array<{ file: string; text: string }>): { manifests: Manifest[]; problems: string[] } {
  const manifests: Manifest[] = [];
  const problems: string[] = [];
  for (const { file, text } of files)
    for (const parsed of parseAllDocuments(text)) {
      if (parsed.errors.length > 0) problems.push(...parsed.errors.map((e) => `${file}: ${e.message}`));
      const doc = parsed.toJS() as Doc | null;
      if (doc) manifests.push({ file, doc });
    }
  return { manifests, problems };
}

/**
 * What a Deployment of Valet must say for the app's own behaviour to hold: identity fields on
 * every object; /healthz and /readyz probes on the API port; a preStop at least DRAIN_DELAY_MS;
 * a grace period above preStop + DRAIN_DELAY_MS + SHUTDOWN_TIMEOUT_MS; memory requests and
 * limits; the metrics port scraped; every object the Deployment names present. `kustomization`
 * files are not Kubernetes objects and are skipped.
 */
export function checkManifests(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const objects = manifests.filter(({ doc }) => doc.kind !== "Kustomization");
  for (const { file, doc } of objects)
    for (const field of ["apiVersion", "kind", "metadata.name"])
      if (typeof pick(doc, field) !== "string" || pick(doc, field) === "") problems.push(`${file}: ${field} is missing`);
  for (const kind of REQUIRED_KINDS)
    if (!objects.some(({ doc }) => doc.kind === kind)) problems.push(`no ${kind} among the manifests`);
  for (const deployment of objects.filter(({ doc }) => doc.kind === "Deployment"))
    problems.push(...checkDeployment(deployment, objects));
  return problems;
}

function checkDeployment({ file, doc }: Manifest, objects: Manifest[]): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${file}: ${doc.metadata?.name}: ${problem}`);
  const pod = (doc.spec?.template?.spec ?? {}) as Doc;
  const container = ((pod.containers ?? []) as Doc[])[0];
  if (!container) return [`${file}: no container`];
  const given = Object.fromEntries(
    ((container.env ?? []) as Doc[]).filter((e) => "value" in e).map((e) => [e.name, String(e.value)]),
  );
  const parsed = envSchema.safeParse({ NODE_ENV: "production", ...given });
  if (!parsed.success) return [`${file}: env does not parse: ${parsed.error.message}`];
  const env = parsed.data;
  const portOf = (port: unknown) =>
    typeof port === "number" ? port : ((container.ports ?? []) as Doc[]).find((p) => p.name === port)?.containerPort;

  for (const [probe, path] of [
    ["livenessProbe", "/healthz"],
    ["readinessProbe", "/readyz"],
  ] as const) {
    const get = container[probe]?.httpGet as Doc | undefined;
    if (!get) say(`${probe} is missing`);
    else if (get.path !== path || portOf(get.port) !== env.PORT)
      say(`${probe} must GET ${path} on PORT ${env.PORT}, not ${get.path} on ${get.port}`);
  }
  const sleep = preStopSeconds(container);
  if (sleep === undefined || sleep < env.DRAIN_DELAY_MS / 1000)
    say(`preStop must sleep at least DRAIN_DELAY_MS (${env.DRAIN_DELAY_MS / 1000} s), has ${sleep ?? "none"}`);
  const needed = (sleep ?? 0) + (env.DRAIN_DELAY_MS + env.SHUTDOWN_TIMEOUT_MS) / 1000;
  const grace = pod.terminationGracePeriodSeconds as number | undefined;
  if (!(typeof grace === "number" && grace > needed))
    say(
      `terminationGracePeriodSeconds (${grace ?? "30 by default"}) must exceed preStop + DRAIN_DELAY_MS + SHUTDOWN_TIMEOUT_MS = ${needed} s`,
    );
  for (const field of ["requests.memory", "limits.memory", "requests.cpu"])
    if (!pick(container.resources ?? {}, field)) say(`resources.${field} is missing`);
  if (env.METRICS_PORT === undefined) say("METRICS_PORT is not set: /metrics would be on the API's port");
  else if (!scraped(objects, (port) => portOf(port) === env.METRICS_PORT))
    say(`no ServiceMonitor scrapes METRICS_PORT ${env.METRICS_PORT}`);
  for (const ref of (container.envFrom ?? []) as Doc[]) {
    const name = ref.secretRef?.name as string | undefined;
    if (name && !objects.some(({ doc }) => doc.kind === "Secret" && doc.metadata?.name === name))
      say(`Secret ${name} is missing`);
  }
  return problems;
}

// `sleep: {seconds}` (Kubernetes ≥ 1.30) or `exec: [sleep, N]`.
function preStopSeconds(container: Doc): number | undefined {
  const preStop = container.lifecycle?.preStop as Doc | undefined;
  if (typeof preStop?.sleep?.seconds === "number") return preStop.sleep.seconds as number;
  const command = preStop?.exec?.command as string[] | undefined;
  const seconds = command?.[0]?.endsWith("sleep") ? Number(command[1]) : NaN;
  return Number.isFinite(seconds) ? seconds : undefined;
}

// A ServiceMonitor endpoint → the Service port it names → that port's targetPort, in the container.
function scraped(objects: Manifest[], isMetricsPort: (port: unknown) => boolean): boolean {
  const services = objects.filter(({ doc }) => doc.kind === "Service").map(({ doc }) => doc);
  return objects
    .filter(({ doc }) => doc.kind === "ServiceMonitor")
    .flatMap(({ doc }) => (doc.spec?.endpoints ?? []) as Doc[])
    .some((endpoint) =>
      services.some((service) =>
        ((service.spec?.ports ?? []) as Doc[]).some((p) => p.name === endpoint.port && isMetricsPort(p.targetPort ?? p.port)),
      ),
    );
}

function pick(doc: Doc, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at as Doc | undefined)?.[key], doc);
}
