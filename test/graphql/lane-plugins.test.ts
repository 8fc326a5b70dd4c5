import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import type { Context } from "../../src/context/context";
import { createLogger } from "../../src/observability/logger";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";

// The direct lane runs none of Apollo's plugins: it does the work of the ones it knows itself.
// A plugin added to Apollo that it does not know (an audit or usage plugin) must still see every
// request, so such a plugin turns the lane off at start-up, and says so once.
class CountingPlugin implements ApolloServerPlugin<Context> {
  started = 0;
  answered = 0;

  async requestDidStart(): Promise<GraphQLRequestListener<Context>> {
    this.started++;
    return { willSendResponse: async () => void this.answered++ };
  }
}

describe("a plugin the direct lane does not mirror", () => {
  const REQUESTS = 5;
  let t: InProcessApp;
  let counter: CountingPlugin;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    counter = new CountingPlugin();
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    // The lane is configured on (the default); the plugin alone turns it off.
    t = await startInProcessApp({ GRAPHQL_DIRECT_EXECUTION: "true" }, { logger, plugins: [counter] });
    const alice = await tokenFor("alice");
    for (let i = 0; i < REQUESTS; i++) await t.gql("query Me { me { id } }", {}, alice);
  });
  afterAll(() => t?.close());

  it("runs on every one of identical requests, not only the first", () => {
    expect(counter.started).toBe(REQUESTS);
    expect(counter.answered).toBe(REQUESTS);
  });

  it("turns the lane off, logged once at warn level with the plugin's name", () => {
    const warnings = lines.filter((l) => l.level === "warn" && /lane/.test(String(l.message)));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].plugins).toEqual(["CountingPlugin"]);
    const requests = lines.filter((l) => l.message === "request");
    expect(requests.map((l) => l.lane)).toEqual(Array(REQUESTS).fill("apollo"));
  });
});
