import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assemble } from "./assemble";
import { parseDockerfile, UnsupportedDockerfile } from "./dockerfile";
import { runtimePlan } from "./runtime-plan";

const DIRECTORIES = new Set(["src", "src/config", "docs"]);
const context = { outDir: "dist", isDirectory: (p: string) => DIRECTORIES.has(p) };
const BUILD = `FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit
COPY src ./src
RUN npm run build && npm prune --omit=dev
`;
const plan = (runtime: string) => runtimePlan(parseDockerfile(`${BUILD}\nFROM node:24-bookworm-slim\n${runtime}`), context);

describe("the runtime stage's plan", () => {
  it("lists every path the runtime stage copies, with where it comes from", () => {
    const p = plan(`WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/src/config/quotas.json ./quotas.json
COPY package.json ./
COPY src/config/profiles.json src/config/quotas.json ./src/config/
COPY --chown=node:node docs \\
  ./documentation
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
CMD ["node", "dist/main.js"]`);
    expect(p.entries).toEqual([
      { target: "/app/node_modules", kind: "node_modules", prodOnly: true },
      { target: "/app/dist", kind: "build" },
      { target: "/app/quotas.json", kind: "context", source: "src/config/quotas.json" },
      { target: "/app/package.json", kind: "context", source: "package.json" },
      { target: "/app/src/config/profiles.json", kind: "context", source: "src/config/profiles.json" },
      { target: "/app/src/config/quotas.json", kind: "context", source: "src/config/quotas.json" },
      { target: "/app/documentation", kind: "context", source: "docs" },
    ]);
    expect(p).toMatchObject({ workdir: "/app", env: { NODE_ENV: "production" }, command: ["node", "dist/main.js"] });
    expect(p.directories).toEqual(["/app", "/app/.data"]);
  });

  it("keeps the whole node_modules when the build stage does not prune", () => {
    const stages = parseDockerfile(
      `FROM node AS build\nWORKDIR /app\nRUN npm ci\nFROM node\nCOPY --from=build /app/node_modules /app/node_modules\nCMD ["node", "x.js"]`,
    );
    expect(runtimePlan(stages, context).entries).toEqual([
      { target: "/app/node_modules", kind: "node_modules", prodOnly: false },
    ]);
  });

  test.each([
    ["COPY in JSON form", `COPY ["package.json", "./"]`, "COPY in JSON form is not supported"],
    ["a wildcard", "COPY src/config/*.json ./src/config/", "wildcards and variables are not supported"],
    ["a variable", "COPY $CONFIG ./", "wildcards and variables are not supported"],
    ["an unknown COPY flag", "COPY --exclude=*.ts src ./src", "COPY flag --exclude is not supported"],
    ["--from an image", "COPY --from=nginx:1 /etc/nginx ./nginx", "only an earlier stage of this Dockerfile"],
    [
      "a build-stage path nothing reproducible puts there",
      "COPY --from=build /app/generated ./generated",
      "no line of stage 'build'",
    ],
    ["part of a build output", "COPY --from=build /app/node_modules/pg ./pg", "only whole build outputs"],
    ["ADD", "ADD https://example.com/x.json ./", "ADD in the runtime stage is not supported"],
    ["ENTRYPOINT", `ENTRYPOINT ["tini", "--"]`, "ENTRYPOINT in the runtime stage is not supported"],
    ["ARG", "ARG VERSION", "ARG in the runtime stage is not supported"],
    ["a RUN that is not mkdir -p", "RUN npm rebuild", "only mkdir -p, chown and chmod are understood"],
    ["a RUN with shell syntax", "RUN mkdir -p /app/$DIR", "is not supported in the runtime stage"],
    ["a heredoc", "RUN <<EOF\nmkdir -p /x\nEOF", "heredocs are not supported"],
    ["ENV with quotes", `ENV GREETING="a b"`, "ENV with quotes"],
  ])("refuses %s, naming the line", (_, line, message) => {
    const attempt = () => plan(`WORKDIR /app\n${line}\nCMD ["node", "dist/main.js"]`);
    expect(attempt).toThrow(UnsupportedDockerfile);
    expect(attempt).toThrow("Dockerfile line 10: ");
    expect(attempt).toThrow(message);
  });

  test.each([
    ["a shell-form CMD", "CMD node dist/main.js", "only the exec (JSON) form of CMD"],
    ["a CMD that is not node", `CMD ["npm", "start"]`, `only ["node", ...] is supported`],
    ["no CMD", "WORKDIR /app", "the runtime stage has no CMD"],
  ])("refuses %s", (_, runtime, message) => {
    expect(() => plan(runtime)).toThrow(message);
  });

  it("refuses a runtime stage built FROM the build stage (it would inherit everything)", () => {
    expect(() => runtimePlan(parseDockerfile(`${BUILD}FROM build\nCMD ["node", "x.js"]`), context)).toThrow(
      "a runtime stage built FROM another stage",
    );
  });
});

describe("assembling the plan", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "runtime-files-test-"));
    mkdirSync(join(root, "src/config"), { recursive: true });
    mkdirSync(join(root, "node_modules/pg/node_modules/dev-only"), { recursive: true });
    mkdirSync(join(root, "build"));
    writeFileSync(join(root, "src/config/profiles.json"), "{}");
    writeFileSync(join(root, "src/config/secret.env"), "x");
    writeFileSync(join(root, "node_modules/pg/index.js"), "");
    writeFileSync(join(root, "build/main.js"), "");
    symlinkSync("../../client", join(root, "node_modules/client"));
    writeFileSync(join(root, ".dockerignore"), "node_modules\nsrc/config/secret.env\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const sources = () => ({
    root,
    build: join(root, "build"),
    modules: join(root, "node_modules"),
    prodModules: () => [join(root, "node_modules/pg"), join(root, "node_modules/client")],
  });

  it("puts exactly the planned files in place, less what .dockerignore excludes", () => {
    const image = join(root, "image");
    assemble(
      plan(`WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY src ./src
RUN mkdir -p /app/.data
CMD ["node", "dist/main.js"]`),
      image,
      sources(),
    );
    expect(readFileSync(join(image, "app/src/config/profiles.json"), "utf8")).toBe("{}");
    expect(existsSync(join(image, "app/src/config/secret.env"))).toBe(false);
    expect(existsSync(join(image, "app/dist/main.js"))).toBe(true);
    expect(existsSync(join(image, "app/node_modules/pg/index.js"))).toBe(true);
    expect(existsSync(join(image, "app/node_modules/pg/node_modules"))).toBe(false);
    expect(readlinkSync(join(image, "app/node_modules/client"))).toBe("../../client");
    expect(existsSync(join(image, "app/.data"))).toBe(true);
  });

  test.each([
    ["a file .dockerignore excludes", "COPY src/config/secret.env ./", "excluded by .dockerignore (src/config/secret.env)"],
    ["a file the context lacks", "COPY src/config/quotas.json ./", "no such file in the build context"],
    ["a path outside the context", "COPY ../etc/passwd ./", "outside the build context"],
  ])("fails on %s", (_, line, message) => {
    expect(() => assemble(plan(`WORKDIR /app\n${line}\nCMD ["node", "x.js"]`), join(root, "image"), sources())).toThrow(message);
  });

  it("refuses .dockerignore patterns it cannot match exactly", () => {
    writeFileSync(join(root, ".dockerignore"), "**/*.test.ts\n!keep\n");
    expect(() => assemble(plan(`COPY src ./src\nCMD ["node", "x.js"]`), join(root, "image"), sources())).toThrow(
      ".dockerignore patterns this check does not understand: **/*.test.ts, !keep",
    );
  });
});
