/**
 * Section 2 of `npm run bench`: HTTP end to end. Valet under production defaults (the shipped
 * quotas' numeric limits and rate limiting on, every number raised out of reach: servers/valet-app.ts)
 * is the main row; the same Valet with null quotas and no rate limits is a second, labelled row.
 * Peers: the seed-style baseline (servers/baseline.mjs: plain JS, Apollo's standalone server) and,
 * for uploads, Uppy Companion. Every server alone on core 1, the load generator on core 0.
 */
import { alternate, type HttpResult, type Measured } from "./http";
import { DOWNLOAD, NOOP, UPLOAD, VALET_NOOP, bearer } from "./operations";
import { BENCH_OWNER } from "./seed";
import { startChild } from "./servers/child";

/** Issue 22's targets for the production-defaults row: × baseline (upload, download) and × Companion (upload). */
export const TARGETS = { upload: 1.6, download: 4, companion: 8 };

const MAIN = "Valet (production defaults)";
const UNLIMITED = "Valet, unlimited (null quotas, no rate limits)";
const VIEWERS = 32;
const MANY = `Valet (production defaults), ${VIEWERS} viewers (one per connection)`;

export interface MainTable {
  rows: string[];
  /** Lines saying each target's ratio and whether it is met, per connection count. */
  targets: string[];
  /** Download grants answered by each Valet (for the durability check against its registry). */
  answered: { production: number; unlimited: number };
  /** Timed answers (warm-ups included) that were not a grant, or for the no-ops not data. */
  notGranted: number;
}

export async function runMainTable(options: {
  registries: { production: string; unlimited: string };
  seconds: number;
  rounds: number;
  connections: number[];
}): Promise<MainTable> {
  const { seconds, rounds } = options;
  const alice = await bearer(BENCH_OWNER);
  // Uploads come from another viewer so that alice's newest objects stay AVAILABLE for the list timing.
  const uploader = await bearer("uploader");
  // The main row's uploads are one viewer's, every one checked against that viewer's counters row
  // in the record's transaction (docs/api.md, Concurrency); the MANY row spreads the same load over
  // a viewer per connection, as an app's users would.
  const uploaders = await Promise.all(Array.from({ length: VIEWERS }, (_, i) => bearer(`uploader-${i}`)));
  const baseline = await startChild("baseline.mjs", {}, 1);
  const valet = await startChild("valet.ts", { DATABASE_URL: options.registries.production }, 1);
  const unlimited = await startChild("valet.ts", { DATABASE_URL: options.registries.unlimited, BENCH_LIMITS: "unlimited" }, 1);
  const companion = await startChild("companion.mjs", {}, 1);
  const companionUrl = { ...companion, url: `${companion.url}?filename=me.png&type=image%2Fpng` };
  const table: MainTable = { rows: [], targets: [], answered: { production: 1, unlimited: 1 }, notGranted: 0 }; // 1: expectOk's check
  const count = (results: Measured[]) => results.forEach((r) => (table.notGranted += r.notGrantedTotal));
  const max = Math.max(...options.connections);
  let downloadBaseAtMax: HttpResult | undefined;
  try {
    for (const c of options.connections) {
      const down = await alternate(
        [baseline, valet, unlimited],
        [{}, alice, alice],
        [DOWNLOAD, DOWNLOAD, DOWNLOAD],
        seconds,
        rounds,
        c,
      );
      count(down);
      table.answered.production += down[1].okTotal;
      table.answered.unlimited += down[2].okTotal;
      if (c === max) downloadBaseAtMax = down[0];
      // Uploads have a second peer: Uppy Companion's presigned-POST endpoint, a GET with the file's name and type.
      const servers = [baseline, valet, unlimited, companionUrl, valet];
      const up = await alternate(
        servers,
        [{}, uploader, uploader, {}, uploader],
        [UPLOAD, UPLOAD, UPLOAD, null, UPLOAD],
        seconds,
        rounds,
        c,
        { perConnection: (server) => (server === 4 ? uploaders : undefined) },
      );
      count(up);
      table.rows.push(
        row("requestDownload", c, "baseline", down[0], down[0]),
        row("requestDownload", c, `**${MAIN}**`, down[1], down[0]),
        row("requestDownload", c, UNLIMITED, down[2], down[0]),
        row("requestUpload", c, "baseline", up[0], up[0]),
        row("requestUpload", c, `**${MAIN}**`, up[1], up[0]),
        row("requestUpload", c, UNLIMITED, up[2], up[0]),
        row("requestUpload", c, MANY, up[4], up[0]),
        row("requestUpload", c, "Uppy Companion `GET /s3/params`", up[3], up[0]),
      );
      table.targets.push(
        targetLine(
          c,
          down[1].reqPerSec / down[0].reqPerSec,
          up[1].reqPerSec / up[0].reqPerSec,
          up[1].reqPerSec / up[3].reqPerSec,
        ),
      );
      table.targets.push(
        `  (${UNLIMITED}, for comparison: upload ${ratio(up[2], up[0])}, download ${ratio(down[2], down[0])}, ${ratio(up[2], up[3])} Companion;` +
          ` ${MANY}: upload ${ratio(up[4], up[0])}, ${ratio(up[4], up[3])} Companion)`,
      );
    }
    // The ceilings: each server answering a query that does nothing (Valet's with a bearer token).
    const noop = await alternate([baseline, valet], [{}, alice], [NOOP, VALET_NOOP], seconds, rounds, max, { expect: "data" });
    count(noop);
    table.rows.push(row("no-op query (ceiling)", max, "baseline `{ ok }`", noop[0], downloadBaseAtMax!));
    table.rows.push(row("no-op query (ceiling)", max, `${MAIN} \`{ me { id } }\``, noop[1], downloadBaseAtMax!));
  } finally {
    await Promise.all([baseline.stop(), valet.stop(), unlimited.stop(), companion.stop()]);
  }
  return table;
}

const ratio = (a: HttpResult, b: HttpResult) => `${(a.reqPerSec / b.reqPerSec).toFixed(2)}×`;

function targetLine(connections: number, download: number, upload: number, companion: number) {
  const judge = (value: number, target: number) =>
    `${value.toFixed(2)}× (target ≥ ${target}×: ${value >= target ? "met" : "**NOT met**"})`;
  return (
    `- ${connections} connections, ${MAIN}: upload ${judge(upload, TARGETS.upload)} baseline; ` +
    `download ${judge(download, TARGETS.download)} baseline; upload ${judge(companion, TARGETS.companion)} Uppy Companion`
  );
}

function row(op: string, connections: number, server: string, r: Measured, base: HttpResult) {
  const rps = Math.round(r.reqPerSec).toLocaleString("en");
  return `| ${op} | ${connections} | ${server} | ${rps} | ${r.p50} | ${r.p99} | ${r.failed} | ${r.notGrantedTotal} | ${(r.reqPerSec / base.reqPerSec).toFixed(2)}× |`;
}
