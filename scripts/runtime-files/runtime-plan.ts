// The runtime (last) stage of a parsed Dockerfile as a plan: every path that lands in the image
// and where it comes from (the build context, or an output of a build stage's RUN), the
// directories its RUN lines make, its environment and its command.
import { posix } from "node:path";
import { copyTargets, parseCopy, parseEnv, runtimeDirectories, unsupported, type Copy, type Stage } from "./dockerfile";

/** What the plan needs to know about the checkout: the build's output directory, and which context paths are directories. */
export interface BuildContext {
  outDir: string;
  isDirectory: (contextPath: string) => boolean;
}

/** Where a path in the image comes from: a context path, the build output, or node_modules (pruned or not). */
export type Origin = { kind: "context"; source: string } | { kind: "build" } | { kind: "node_modules"; prodOnly: boolean };
export type Entry = { target: string } & Origin;

export interface RuntimePlan {
  workdir: string;
  env: Record<string, string>;
  command: string[];
  directories: string[];
  entries: Entry[];
}

const within = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const IGNORED_IN_RUNTIME = new Set(["USER", "EXPOSE", "LABEL", "HEALTHCHECK", "STOPSIGNAL"]);

/** What the runtime stage is made of; throws UnsupportedDockerfile on any form it cannot reproduce. */
export function runtimePlan(stages: Stage[], context: BuildContext): RuntimePlan {
  const runtime = stages[stages.length - 1];
  const named = new Map(stages.slice(0, -1).map((s) => [s.name, s]));
  if (named.has(runtime.base.toLowerCase()))
    unsupported(runtime.line, "a runtime stage built FROM another stage is not supported");
  let workdir = "/";
  let command: string[] | undefined;
  const env: Record<string, string> = {};
  const directories: string[] = [];
  const entries: Entry[] = [];
  for (const instruction of runtime.instructions) {
    const { keyword, line } = instruction;
    if (keyword === "WORKDIR") {
      workdir = posix.resolve(workdir, instruction.args);
      directories.push(workdir);
    } else if (keyword === "ENV") Object.assign(env, parseEnv(instruction));
    else if (keyword === "RUN") directories.push(...runtimeDirectories(instruction, workdir));
    else if (keyword === "CMD") command = execForm(instruction.args, line);
    else if (keyword === "COPY") entries.push(...copyEntries(parseCopy(instruction), workdir, named, context));
    else if (!IGNORED_IN_RUNTIME.has(keyword)) unsupported(line, `${keyword} in the runtime stage is not supported`);
  }
  if (!command) unsupported(runtime.line, "the runtime stage has no CMD");
  return { workdir, env, command, directories, entries };
}

function copyEntries(copy: Copy, workdir: string, named: Map<string | undefined, Stage>, context: BuildContext): Entry[] {
  if (copy.from === undefined)
    return copyTargets(copy, workdir, context.isDirectory).map(({ source, target }) => ({ target, kind: "context", source }));
  const stage =
    named.get(copy.from.toLowerCase()) ??
    unsupported(copy.line, `COPY --from=${copy.from}: only an earlier stage of this Dockerfile, by name, is supported`);
  const files = buildStageFiles(stage, context);
  const origins = new Map(copy.sources.map((s) => [s, fromBuildStage(posix.resolve("/", s), stage, files, copy.line)]));
  const isDirectory = (s: string) => {
    const origin = origins.get(s)!;
    return origin.kind !== "context" || context.isDirectory(origin.source);
  };
  return copyTargets(copy, workdir, isDirectory).map(({ source, target }) => ({ target, ...origins.get(source)! }));
}

/**
 * A build stage as a map of its file system: what its COPY lines put where (from the context),
 * and the outputs of the RUN lines this check can reproduce from the checkout.
 */
function buildStageFiles(stage: Stage, context: BuildContext) {
  let workdir = "/";
  const copies: Array<{ source: string; target: string }> = [];
  const outputs: Array<{ kind: "build" | "node_modules"; target: string }> = [];
  let prodOnly = false;
  for (const instruction of stage.instructions) {
    const { keyword, args, line } = instruction;
    if (keyword === "WORKDIR") workdir = posix.resolve(workdir, args);
    else if (keyword === "COPY") {
      const copy = parseCopy(instruction);
      if (copy.from !== undefined) unsupported(line, `COPY --from inside the build stage '${stage.name}' is not supported`);
      copies.push(...copyTargets(copy, workdir, context.isDirectory));
    } else if (keyword === "RUN") {
      if (/\bnpm (ci|install)\b/.test(args)) outputs.push({ kind: "node_modules", target: posix.join(workdir, "node_modules") });
      if (/\bnpm run build\b/.test(args)) outputs.push({ kind: "build", target: posix.join(workdir, context.outDir) });
      if (/\bnpm prune --omit=dev\b/.test(args)) prodOnly = true;
    } else if (keyword === "ADD") unsupported(line, "ADD is not supported");
  }
  return { copies, outputs, prodOnly };
}

function fromBuildStage(path: string, stage: Stage, files: ReturnType<typeof buildStageFiles>, line: number): Origin {
  const output = files.outputs.find((o) => o.target === path);
  if (output) return output.kind === "build" ? { kind: "build" } : { kind: "node_modules", prodOnly: files.prodOnly };
  const outputs = files.outputs.map((o) => o.target);
  if (outputs.some((o) => within(path, o) || within(o, path)))
    unsupported(line, `COPY --from=${stage.name} ${path}: only whole build outputs (${outputs.join(", ")}) are supported`);
  const copy = [...files.copies].reverse().find((c) => within(path, c.target));
  if (!copy)
    unsupported(
      line,
      `COPY --from=${stage.name} ${path}: no line of stage '${stage.name}' this check can reproduce puts it there`,
    );
  return { kind: "context", source: posix.join(copy.source, posix.relative(copy.target, path)) };
}

function execForm(args: string, line: number): string[] {
  let command: unknown;
  try {
    command = JSON.parse(args);
  } catch {
    unsupported(line, "only the exec (JSON) form of CMD is supported");
  }
  if (!Array.isArray(command) || command[0] !== "node" || !command.every((w) => typeof w === "string"))
    unsupported(line, `CMD ${args}: only ["node", ...] is supported`);
  return command;
}
