/** Summarises a .cpuprofile: self time by package (or file under src/), top N. Dev aid for tuning the request path. */
import { readFileSync } from "node:fs";

const profile = JSON.parse(readFileSync(process.argv[2], "utf8")) as {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; hitCount: number }>;
  samples: number[];
  timeDeltas: number[];
};
const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const fns = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const frame = byNode.get(id)!.callFrame;
  const url = frame.url;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const where = m ? m[1] : url.includes("/src/") ? url.slice(url.indexOf("/src/") + 1) : url || frame.functionName || "(native)";
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(where, (self.get(where) ?? 0) + dt);
  const fn = `${frame.functionName || "(anon)"} ${where}`;
  fns.set(fn, (fns.get(fn) ?? 0) + dt);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n");
process.stdout.write(`${top(self, 25)}\n\n${top(fns, 30)}\n`);
