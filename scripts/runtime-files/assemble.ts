// Puts a runtime plan's files into a directory that stands for the image's root: files from the
// build context (less what .dockerignore excludes), the fresh build output, node_modules.
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { UnsupportedDockerfile } from "./dockerfile";
import type { RuntimePlan } from "./runtime-plan";

const within = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** .dockerignore as plain context-root paths (Docker anchors them at the root); wildcards and exceptions are refused. */
export function readDockerignore(root: string): string[] {
  const file = join(root, ".dockerignore");
  if (!existsSync(file)) return [];
  const patterns = readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const odd = patterns.filter((p) => /[*?[\]!\\]/.test(p));
  if (odd.length) throw new UnsupportedDockerfile(`.dockerignore patterns this check does not understand: ${odd.join(", ")}`);
  return patterns.map((p) => posix.normalize(p.replace(/^\/+/, "")).replace(/\/+$/, ""));
}

/** The context-relative path of a COPY source; refuses what Docker would not send. */
export function contextPath(source: string, ignored: string[]): string {
  const rel = posix.normalize(source.replace(/^\/+/, "")).replace(/\/+$/, "") || ".";
  if (rel === ".." || rel.startsWith("../")) throw new UnsupportedDockerfile(`COPY ${source}: outside the build context`);
  const excluded = ignored.find((p) => within(rel, p));
  if (excluded) throw new UnsupportedDockerfile(`COPY ${source}: excluded by .dockerignore (${excluded})`);
  return rel;
}

// Hard links where the file system allows (fast, no space), copies otherwise. Symbolic links stay
// links, as in Docker (a workspace link dangles in the image, and so it does here).
function place(from: string, to: string, skip: (path: string) => boolean): void {
  const stat = lstatSync(from);
  mkdirSync(dirname(to), { recursive: true });
  if (stat.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) if (!skip(join(from, name))) place(join(from, name), join(to, name), skip);
    return;
  }
  // A later COPY replaces what an earlier one put there.
  rmSync(to, { force: true });
  if (stat.isSymbolicLink()) return symlinkSync(readlinkSync(from), to);
  try {
    linkSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV" && (e as NodeJS.ErrnoException).code !== "EPERM") throw e;
    copyFileSync(from, to);
  }
}

export interface Sources {
  /** The build context (the checkout). */
  root: string;
  /** A fresh build output directory. */
  build: string;
  /** The checkout's node_modules. */
  modules: string;
  /** What `npm prune --omit=dev` keeps: production package directories (each placed without its nested node_modules). */
  prodModules(): string[];
}

/** Fills `image` (the image's root) with the plan's files and directories. */
export function assemble(plan: RuntimePlan, image: string, sources: Sources): void {
  const { root, build, modules } = sources;
  const ignored = readDockerignore(root);
  const at = (target: string) => join(image, target);
  for (const entry of plan.entries) {
    if (entry.kind === "context") {
      const from = join(root, contextPath(entry.source, ignored));
      if (!existsSync(from)) throw new UnsupportedDockerfile(`COPY ${entry.source}: no such file in the build context`);
      place(from, at(entry.target), (path) => ignored.some((p) => within(relative(root, path), p)));
    } else if (entry.kind === "build") place(build, at(entry.target), () => false);
    else if (!entry.prodOnly) place(modules, at(entry.target), () => false);
    else {
      for (const dir of sources.prodModules())
        place(dir, join(at(entry.target), relative(modules, dir)), (path) => relative(dir, path) === "node_modules");
    }
  }
  for (const dir of plan.directories) mkdirSync(at(dir), { recursive: true });
}
