import type { GraphQLSchema } from "graphql";
import { OperationLabel } from "../../src/observability/root-fields";
import { buildValetSchema } from "../../src/schema";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { minimalSelection, rootFields } from "../support/root-operations";

// Every metric series lives (in memory, and in every scrape) as long as the process does, so no
// client may add one: the `operation` label of request durations takes one value per root field
// of the schema and a few fixed ones, whatever operations a client sends.
const OUTCOMES = ["ok", "error", "aborted"];
const SERIES = /^valet_http_request_duration_seconds_count\{operation="([^"]*)",outcome="([^"]*)"\}/;

function combinations<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => combinations(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

describe("the operation label of request metrics", () => {
  let t: InProcessApp;
  let schema: GraphQLSchema;
  const series = async () => {
    const text = await (await fetch(t.url.replace("/graphql", "/metrics"))).text();
    return text.split("\n").flatMap((line) => SERIES.exec(line)?.slice(1, 3) ?? []);
  };
  const labelsOf = (pairs: string[]) => new Set(pairs.filter((_, i) => i % 2 === 0));

  beforeEach(async () => {
    t = await startInProcessApp();
    schema = await buildValetSchema();
  });
  afterEach(() => t.close());

  it("takes one value per root field, whatever combinations of them an unauthenticated client sends", async () => {
    const roots = rootFields(schema);
    const combined = (["query", "mutation"] as const).flatMap((operation) => {
      const selections = roots.filter((r) => r.operation === operation).map((r) => minimalSelection(r.field));
      return [2, 3].flatMap((size) => combinations(selections, size).map((chosen) => `${operation} { ${chosen.join(" ")} }`));
    });
    const invalid = Array.from({ length: 20 }, (_, i) => `{ serverTime notAField${i} }`);
    const sent = [...combined.slice(0, 100), ...invalid];
    expect(new Set(sent).size).toBe(120);
    const singles = roots.map(({ operation, field }) => `${operation} { ${minimalSelection(field)} }`);
    const answers = await Promise.all([...sent, ...singles].map((query) => t.gql(query)));
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);

    const allowed = new Set([...roots.map((r) => r.field.name), ...Object.values(OperationLabel)]);
    const pairs = await series();
    const labels = labelsOf(pairs);
    expect([...labels].filter((label) => !allowed.has(label))).toEqual([]);
    expect(pairs.length / 2).toBeLessThanOrEqual(allowed.size * OUTCOMES.length);
    // Each root field alone is labelled by its name; the combinations are all "multiple".
    expect(labels).toEqual(new Set([...roots.map((r) => r.field.name), OperationLabel.MULTIPLE, OperationLabel.UNPARSED]));
  });

  it.each([
    ["aliases of one root field", "{ a: serverTime b: serverTime }", "serverTime"],
    ["two root fields", "{ serverTime uploadProfiles { name } }", OperationLabel.MULTIPLE],
    ["only a meta field", "{ __typename }", OperationLabel.OTHER],
    ["a field the schema lacks", "{ serverTime0 }", OperationLabel.UNPARSED],
    ["a document that does not parse", "{ serverTime", OperationLabel.UNPARSED],
  ])("labels %s (%s) %s", async (_name, query, label) => {
    await t.gql(query);
    expect([...labelsOf(await series())]).toEqual([label]);
  });
});
