import { checkFile, findLinks, headingSlugs, resolveFrom, slugify } from "../../scripts/check-links.lib.mjs";

const files: Record<string, string> = {
  "README.md": "# Valet\n\n## Run it\n",
  "docs/api.md": "# The GraphQL API\n\n## Limits and quotas\n\n## Errors\n",
  "docs/example.png": "",
  "src/config/quotas.json": "{}",
};
const io = {
  exists: (path: string) => path in files || path === "docs",
  read: (path: string) => files[path] ?? "",
};
const check = (markdown: string, file = "docs/guide.md") => checkFile(file, markdown, io);

describe("check:links", () => {
  it("passes links to files and headings that exist, from the root and from docs/", () => {
    expect(check("[api](api.md) [q](../src/config/quotas.json) ![shot](example.png) [run](../README.md#run-it)")).toEqual([]);
    expect(check("[limits](docs/api.md#limits-and-quotas) [docs](docs/)", "README.md")).toEqual([]);
  });

  it("reports a link to a file that does not exist, with its line", () => {
    expect(check("first line\n[api](docs/api.md)")).toEqual(["docs/guide.md:2: docs/api.md: docs/docs/api.md does not exist"]);
  });

  it("reports an anchor no heading of the other file gives", () => {
    expect(check("[q](api.md#quotas)")).toEqual([
      "docs/guide.md:1: api.md#quotas: docs/api.md has no heading whose anchor is #quotas",
    ]);
  });

  it("checks a same-file anchor against the file's own headings", () => {
    expect(check("# Guide\n\n## Tokens in development\n\nSee [tokens](#tokens-in-development).")).toEqual([]);
    expect(check("# Guide\n\nSee [tokens](#tokens).")).toEqual([
      "docs/guide.md:3: #tokens: docs/guide.md has no heading whose anchor is #tokens",
    ]);
  });

  it("leaves other sites and links inside code alone", () => {
    const markdown = [
      "[site](https://example.com/x#y) [mail](mailto:a@b.c) <http://localhost:4000>",
      "`[not a link](missing.md)`",
      "```md",
      "[not a link either](missing.md)",
      "```",
    ].join("\n");
    expect(check(markdown)).toEqual([]);
  });

  it("finds links whose text wraps a line, and reference definitions", () => {
    expect(findLinks("see [Limits and\nquotas](api.md#limits-and-quotas)\n\n[ref]: ../README.md")).toEqual([
      { target: "api.md#limits-and-quotas", line: 1 },
      { target: "../README.md", line: 4 },
    ]);
  });

  it.each([
    ["Limits and quotas", "limits-and-quotas"],
    ["@valet/client", "valetclient"],
    ["Methods, parallel parts and retries", "methods-parallel-parts-and-retries"],
    ["4. Large file (MB/s over grant → bytes → completeUpload)", "4-large-file-mbs-over-grant--bytes--completeupload"],
    ["`NODE_ENV` and `LOG_LEVEL`", "node_env-and-log_level"],
    ["Progress in bytes of the _file_", "progress-in-bytes-of-the-file"],
    ["[Rules](api.md) of *keys*", "rules-of-keys"],
  ])("slugs %j as GitHub does: %s", (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });

  it("numbers duplicate headings -1, -2 and ignores headings inside code blocks", () => {
    const markdown = "# Notes\n## Notes\n## Notes ##\n```sh\n# a comment\n```\n~~~\n## Hidden\n~~~\n#not-a-heading";
    expect([...headingSlugs(markdown)]).toEqual(["notes", "notes-1", "notes-2"]);
  });

  it("resolves paths from the linking file's folder, a leading slash from the root", () => {
    expect(resolveFrom("docs/api.md", "../src/config/quotas.json")).toBe("src/config/quotas.json");
    expect(resolveFrom("docs/api.md", "/schema/schema.graphql")).toBe("schema/schema.graphql");
    expect(resolveFrom("README.md", "client/operations/")).toBe("client/operations");
  });
});
