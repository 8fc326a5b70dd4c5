import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkManifests, parseManifests, type Manifest } from "../../scripts/kubernetes/check-manifests";

const dir = resolve(__dirname, "../../deploy/kubernetes");
const shipped = () =>
  parseManifests(readdirSync(dir).map((name) => ({ file: name, text: readFileSync(join(dir, name), "utf8") }))).manifests;
/** The shipped manifests with one change made to the Deployment's first container (or pod, or the whole Deployment). */
const withDeployment = (change: (deployment: Manifest["doc"]) => void) =>
  shipped().map((m) => {
    if (m.doc.kind === "Deployment") change(m.doc);
    return m;
  });
const container = (d: Manifest["doc"]) => d.spec.template.spec.containers[0] as Manifest["doc"];

describe("check:kubernetes", () => {
  it("passes the shipped deploy/kubernetes", () => {
    expect(checkManifests(shipped())).toEqual([]);
  });

  test.each([
    ["a missing readiness probe", (d: Manifest["doc"]) => delete container(d).readinessProbe, /readinessProbe is missing/],
    [
      "a liveness probe on /readyz",
      (d: Manifest["doc"]) => (container(d).livenessProbe.httpGet.path = "/readyz"),
      /livenessProbe must GET \/healthz/,
    ],
    [
      "a readiness probe on another port",
      (d: Manifest["doc"]) => (container(d).readinessProbe.httpGet.port = 8080),
      /readinessProbe must GET \/readyz on PORT 4000/,
    ],
    [
      "a preStop shorter than DRAIN_DELAY_MS",
      (d: Manifest["doc"]) => (container(d).lifecycle.preStop.sleep.seconds = 2),
      /preStop must sleep at least/,
    ],
    [
      "a grace period the drain does not fit in",
      (d: Manifest["doc"]) => (d.spec.template.spec.terminationGracePeriodSeconds = 35),
      /must exceed .* = 35 s/,
    ],
    ["no memory limit", (d: Manifest["doc"]) => delete container(d).resources.limits, /resources.limits.memory is missing/],
    ["no name", (d: Manifest["doc"]) => delete d.metadata.name, /metadata.name is missing/],
  ])("catches %s", (_what, change, problem) => {
    expect(checkManifests(withDeployment(change))).toEqual([expect.stringMatching(problem)]);
  });

  it("catches a METRICS_PORT no ServiceMonitor scrapes, and a missing kind", () => {
    const noMonitor = shipped().filter((m) => m.doc.kind !== "ServiceMonitor");
    expect(checkManifests(noMonitor)).toEqual([
      "no ServiceMonitor among the manifests",
      expect.stringMatching(/no ServiceMonitor scrapes METRICS_PORT 9464/),
    ]);
  });

  it("reports YAML that does not parse", () => {
    expect(parseManifests([{ file: "bad.yaml", text: "kind: [unclosed" }]).problems).toEqual([
      expect.stringMatching(/^bad.yaml: /),
    ]);
  });
});
