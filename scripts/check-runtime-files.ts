// CI: the Docker image's runtime stage must hold every file the server needs. With no Docker engine
// on CI, this reads the Dockerfile's last stage (COPY, RUN mkdir, ENV, CMD), assembles exactly that
// file set in a temporary directory (a build stage's outputs from a fresh `npm run build` and this
// checkout's node_modules, pruned to production packages when the build stage prunes), starts the
// CMD there in production mode against the test RGW and requires /readyz to answer 200.
//   node -r @swc-node/register scripts/check-runtime-files.ts [--dockerfile PATH] [--timeout SECONDS] [--keep]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { assemble } from "./runtime-files/assemble";
import { parseDockerfile } from "./runtime-files/dockerfile";
import { runtimePlan, type RuntimePlan } from "./runtime-files/runtime-plan";
import { startImage } from "./runtime-files/start-image";

const root = resolve(__dirname, "..");
const { values: options } = parseArgs({
  options: {
    dockerfile: { type: "string", default: join(root, "Dockerfile") },
    timeout: { type: "string", default: "90" },
    keep: { type: "boolean", default: false },
  },
});
const say = (line: string) => process.stdout.write(`[runtime-files] ${line}\n`);
const work = mkdtempSync(join(tmpdir(), "valet-runtime-files-"));

function fail(why: string, stderr = ""): never {
  process.stderr.write(`[runtime-files] FAILED: ${why}\n`);
  if (stderr) process.stderr.write(`--- the server's stderr ---\n${stderr.trimEnd()}\n--- end of the server's stderr ---\n`);
  process.stderr.write(`[runtime-files] Dockerfile: ${options.dockerfile}; assembled files left in ${work}\n`);
  process.exit(1);
}

function planOf(dockerfile: string): RuntimePlan {
  const outDir = (JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8")) as { compilerOptions: { outDir: string } })
    .compilerOptions.outDir;
  const isDirectory = (rel: string) => existsSync(join(root, rel)) && statSync(join(root, rel)).isDirectory();
  return runtimePlan(parseDockerfile(readFileSync(dockerfile, "utf8")), { outDir, isDirectory });
}

// What `npm prune --omit=dev` keeps: every production package of the root and its workspaces.
const prodModules = () =>
  execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 })
    .split("\n")
    .filter((p) => p.startsWith(`${join(root, "node_modules")}/`));

async function main() {
  let plan: RuntimePlan;
  const build = join(work, "build");
  const image = join(work, "image");
  try {
    plan = planOf(options.dockerfile);
    for (const e of plan.entries) {
      const origin =
        e.kind === "context"
          ? e.source
          : `the build stage's ${e.kind}${"prodOnly" in e && e.prodOnly ? " (production packages)" : ""}`;
      say(`${e.target}  ←  ${origin}`);
    }
    if (plan.entries.some((e) => e.kind === "build")) {
      say(`npm run build -- --outDir ${build}`);
      execFileSync("npm", ["run", "--silent", "build", "--", "--outDir", build], { cwd: root, stdio: "inherit" });
    }
    assemble(plan, image, { root, build, modules: join(root, "node_modules"), prodModules });
  } catch (e) {
    return fail((e as Error).message);
  }
  const cwd = join(image, plan.workdir);
  say(`starting ${plan.command.join(" ")} in ${cwd} (NODE_ENV=production, the test RGW)`);
  const outcome = await startImage(plan, cwd, Number(options.timeout) * 1000);
  if (!outcome.ready) fail(outcome.why, outcome.stderr);
  say("/readyz answered 200");
  if (!options.keep) rmSync(work, { recursive: true, force: true });
}

void main();
