// Reads a Dockerfile into stages of instructions, and single instructions into what they mean.
// Only the forms Valet's Dockerfile uses are understood; anything else throws, so a new form makes
// the check fail instead of being skipped (a skipped COPY is exactly the bug the check exists for).
import { posix } from "node:path";

export class UnsupportedDockerfile extends Error {}

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  /** The `AS` name, lower-cased. */
  name?: string;
  base: string;
  line: number;
  instructions: Instruction[];
}

export interface Copy {
  from?: string;
  sources: string[];
  dest: string;
  line: number;
}

export function unsupported(line: number, why: string): never {
  throw new UnsupportedDockerfile(`Dockerfile line ${line}: ${why}`);
}

/** Stages in order, each with its instructions (continuations joined, comments dropped). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending: { line: number; text: string } | undefined;
  text.split("\n").forEach((raw, i) => {
    const trimmed = raw.trim();
    if (/^#\s*escape\s*=/i.test(trimmed) && stages.length === 0) unsupported(i + 1, "the escape directive is not supported");
    if (trimmed.startsWith("#") || (trimmed === "" && !pending)) return;
    const continued = trimmed.endsWith("\\");
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    pending = pending ? { ...pending, text: `${pending.text} ${part}` } : { line: i + 1, text: part };
    if (continued) return;
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(pending.text.trim())!;
    const instruction = { keyword: keyword.toUpperCase(), args: args.trim(), line: pending.line };
    pending = undefined;
    add(stages, instruction);
  });
  if (pending) unsupported(pending.line, "the file ends inside a continued line");
  if (stages.length === 0) throw new UnsupportedDockerfile("the Dockerfile has no FROM");
  return stages;
}

function add(stages: Stage[], instruction: Instruction) {
  const { keyword, args, line } = instruction;
  if (/<<-?\s*["']?\w/.test(args)) unsupported(line, "heredocs are not supported");
  if (keyword === "FROM") {
    const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? unsupported(line, `cannot read FROM ${args}`);
    stages.push({ name: m[2]?.toLowerCase(), base: m[1], line, instructions: [] });
  } else if (stages.length === 0) {
    if (keyword !== "ARG") unsupported(line, `${keyword} before the first FROM`);
  } else stages[stages.length - 1].instructions.push(instruction);
}

const COPY_FLAGS = ["from", "chown", "chmod", "link"];

/** A COPY: its --from (--chown, --chmod and --link do not change which files land), sources and destination. */
export function parseCopy({ args, line }: Instruction): Copy {
  if (args.startsWith("[")) unsupported(line, "COPY in JSON form is not supported");
  const words = args.split(/\s+/);
  let from: string | undefined;
  while (words[0]?.startsWith("--")) {
    const [, name, value] = /^--([a-z-]+)(?:=(.*))?$/.exec(words.shift()!) ?? [];
    if (!COPY_FLAGS.includes(name)) unsupported(line, `COPY flag --${name ?? "?"} is not supported`);
    if (name === "from") from = value;
  }
  if (words.length < 2) unsupported(line, "COPY needs a source and a destination");
  const dest = words.pop()!;
  for (const word of [...words, dest]) {
    if (/[*?[\]$]/.test(word)) unsupported(line, `COPY '${word}': wildcards and variables are not supported`);
  }
  return { from, sources: words, dest, line };
}

/**
 * Where each source of a COPY lands. As in Docker, a directory's contents go into the destination;
 * a file goes to the destination, or into it when it names a directory (trailing slash, or several sources).
 */
export function copyTargets(copy: Copy, workdir: string, isDirectory: (source: string) => boolean) {
  const base = posix.resolve(workdir, copy.dest);
  const intoDirectory = copy.dest.endsWith("/") || copy.dest === "." || copy.sources.length > 1;
  return copy.sources.map((source) => ({
    source,
    target: !isDirectory(source) && intoDirectory ? posix.join(base, posix.basename(source)) : base,
  }));
}

/** The directories a runtime-stage RUN makes: only `mkdir -p`, `chown` and `chmod`, joined by `&&`, are understood. */
export function runtimeDirectories({ args, line }: Instruction, workdir: string): string[] {
  if (args.startsWith("[") || /["'`$;|<>(){}\\]|(?<!&)&(?!&)/.test(args))
    unsupported(line, `RUN '${args}' is not supported in the runtime stage`);
  return args.split("&&").flatMap((command) => {
    const [program, ...rest] = command.trim().split(/\s+/);
    if (program === "chown" || program === "chmod") return [];
    const paths = rest.filter((w) => !w.startsWith("-"));
    if (program !== "mkdir" || !rest.includes("-p") || paths.length === 0)
      unsupported(line, `RUN '${command.trim()}' in the runtime stage: only mkdir -p, chown and chmod are understood`);
    return paths.map((p) => posix.resolve(workdir, p));
  });
}

/** ENV KEY=VALUE ... (or the legacy ENV KEY VALUE), without quotes, escapes or variables. */
export function parseEnv({ args, line }: Instruction): Record<string, string> {
  if (/["'$\\]/.test(args)) unsupported(line, "ENV with quotes, escapes or variables is not supported");
  if (!args.includes("=")) {
    const [key, ...value] = args.split(/\s+/);
    return { [key]: value.join(" ") };
  }
  return Object.fromEntries(
    args.split(/\s+/).map((pair) => {
      const eq = pair.indexOf("=");
      if (eq <= 0) unsupported(line, `cannot read ENV ${args}`);
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}
