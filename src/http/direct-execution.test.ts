import type { IncomingMessage } from "node:http";
import { buildSchema, parse, getOperationAST, type GraphQLFormattedError } from "graphql";
import type { RequestRecord } from "../observability/request-record";
import { createDirectExecution, type DirectExecutionOptions } from "./direct-execution";

// The lane's own decisions, on a two-field schema: what it remembers, and when it hands a request
// back to Apollo (undefined) before anything has run. test/graphql/direct-execution.test.ts
// compares its answers with Apollo's on the real app.
const schema = buildSchema("type Query { hello(n: Int): String, boom: String }");
let resolved = 0;
const fields = schema.getQueryType()!.getFields();
fields.hello.resolve = (_root, { n }: { n?: number }) => (resolved++, `hi ${n ?? 0}`);
fields.boom.resolve = () => {
  throw new Error("internal detail");
};

function lane(overrides: Partial<DirectExecutionOptions<object>> = {}) {
  const contexts: unknown[] = [];
  const sent: Array<readonly GraphQLFormattedError[] | undefined> = [];
  const direct = createDirectExecution<object>({
    schema,
    context: async () => (contexts.push(1), {}),
    refusal: () => undefined,
    errors: {
      formatError: (formatted) => ({ message: `formatted: ${formatted.message}`, extensions: formatted.extensions }),
      includeStacktrace: false,
    },
    resolved: () => undefined,
    sent: (_record, errors) => void sent.push(errors),
    ...overrides,
  });
  // Apollo's hook, as it calls it once a query text has passed parsing and validation.
  const teach = async (query: string) => {
    const document = parse(query);
    const hooks = await direct.plugin.requestDidStart!({} as never);
    await hooks?.didResolveOperation?.({ request: { query }, document, operation: getOperationAST(document) } as never);
  };
  const ask = (body: unknown, accept?: string) =>
    direct.run(body, { headers: accept ? { accept } : {} } as IncomingMessage, {} as RequestRecord);
  return { teach, ask, contexts, sent, close: direct.close, plugin: direct.plugin };
}

describe("direct execution", () => {
  it("hands a query text it has not been taught to Apollo, and answers it once taught", async () => {
    const { teach, ask } = lane();
    expect(await ask({ query: "{ hello }" })).toBeUndefined();
    await teach("{ hello }");
    expect(await ask({ query: "{ hello }" })).toEqual({
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: '{"data":{"hello":"hi 0"}}',
    });
  });

  it("forgets the oldest query text beyond its count (2 remembered: the first of 3 goes back to Apollo)", async () => {
    const { teach, ask } = lane({ memory: { documents: 2, textLength: 1000 } });
    for (const q of ["{ a: hello }", "{ b: hello }", "{ c: hello }"]) await teach(q);
    expect(await ask({ query: "{ a: hello }" })).toBeUndefined();
    expect(await ask({ query: "{ b: hello }" })).toBeDefined();
    expect(await ask({ query: "{ c: hello }" })).toBeDefined();
  });

  it("forgets the oldest beyond its total text length, and never keeps a text longer than all of it", async () => {
    const { teach, ask } = lane({ memory: { documents: 100, textLength: 30 } });
    for (const q of ["{ a: hello }", "{ b: hello }", "{ c: hello }"]) await teach(q); // 12 characters each
    expect(await ask({ query: "{ a: hello }" })).toBeUndefined();
    expect(await ask({ query: "{ c: hello }" })).toBeDefined();
    const long = `{ ${"x".repeat(40)}: hello }`;
    await teach(long);
    expect(await ask({ query: long })).toBeUndefined();
    expect(await ask({ query: "{ c: hello }" })).toBeDefined();
  });

  it("once closed, answers nothing and learns nothing", async () => {
    const { teach, ask, close, plugin } = lane();
    await teach("{ hello }");
    close();
    expect(await ask({ query: "{ hello }" })).toBeUndefined();
    expect(await plugin.requestDidStart!({} as never)).toBeUndefined();
  });

  it("hands back a request over a per-request bound before building its context", async () => {
    const { teach, ask, contexts } = lane({ refusal: () => new Error("over budget") });
    await teach("{ hello }");
    expect(await ask({ query: "{ hello }" })).toBeUndefined();
    expect(contexts).toHaveLength(0);
  });

  it("hands back variables that do not coerce, with no resolver run", async () => {
    const { teach, ask } = lane();
    await teach("query($n: Int) { hello(n: $n) }");
    const before = resolved;
    expect(await ask({ query: "query($n: Int) { hello(n: $n) }", variables: { n: "three" } })).toBeUndefined();
    expect(resolved).toBe(before);
    expect((await ask({ query: "query($n: Int) { hello(n: $n) }", variables: { n: 3 } }))?.body).toBe(
      '{"data":{"hello":"hi 3"}}',
    );
  });

  it("answers in the type the Accept header prefers, and hands back one it cannot serve", async () => {
    const { teach, ask } = lane();
    await teach("{ hello }");
    expect((await ask({ query: "{ hello }" }, "application/graphql-response+json"))?.contentType).toBe(
      "application/graphql-response+json; charset=utf-8",
    );
    expect((await ask({ query: "{ hello }" }, "application/json, */*"))?.contentType).toBe("application/json; charset=utf-8");
    expect(await ask({ query: "{ hello }" }, "text/html")).toBeUndefined();
  });

  it("answers with extensions that name the client", async () => {
    const { teach, ask } = lane();
    await teach("{ hello }");
    expect(await ask({ query: "{ hello }", extensions: { clientLibrary: { name: "x" } } })).toBeDefined();
  });

  it("hands back batches, persisted queries and malformed bodies", async () => {
    const { teach, ask } = lane();
    await teach("{ hello }");
    for (const body of [
      [{ query: "{ hello }" }],
      { query: "{ hello }", extensions: { persistedQuery: { version: 1 } } },
      { query: "{ hello }", extensions: "persistedQuery" },
      { query: "{ hello }", variables: "{}" },
      { query: "{ hello }", operationName: 7 },
      { query: 1 },
    ]) {
      expect(await ask(body)).toBeUndefined();
    }
  });

  it("formats a resolver's error with the configured formatter, gives it a code, and reports it", async () => {
    const { teach, ask, sent } = lane();
    await teach("{ boom }");
    const answer = await ask({ query: "{ boom }" });
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer!.body)).toEqual({
      errors: [{ message: "formatted: internal detail", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      data: { boom: null },
    });
    expect(sent.at(-1)).toHaveLength(1);
  });
});
