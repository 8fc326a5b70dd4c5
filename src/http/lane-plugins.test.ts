import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginUsageReporting } from "@apollo/server/plugin/usageReporting";
import { buildSchema } from "graphql";
import { laneUnlessUnmirrored, unmirroredPlugins } from "./lane-plugins";

class AuditPlugin implements ApolloServerPlugin {
  async requestDidStart() {
    return {};
  }
}
const mirroredPlugin: ApolloServerPlugin = { requestDidStart: async () => ({}) };

describe("unmirroredPlugins", () => {
  it("passes a plugin the lane mirrors and names one it does not (allowed/denied)", () => {
    const usage: ApolloServerPlugin = { requestDidStart: async () => ({ willSendResponse: async () => undefined }) };
    expect(unmirroredPlugins([mirroredPlugin], new Set([mirroredPlugin]))).toEqual([]);
    expect(unmirroredPlugins([mirroredPlugin, usage], new Set([mirroredPlugin]))).toEqual(["plugin 2 (requestDidStart)"]);
  });

  it("passes plugins that never see a request: Apollo's disabled markers, a landing page, a start-up hook", () => {
    const plugins = [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      { serverWillStart: async () => ({ serverWillStop: async () => undefined }), startupDidFail: async () => undefined },
    ];
    expect(unmirroredPlugins(plugins, new Set())).toEqual([]);
  });

  it("counts any other hook as a request hook, a future one included", () => {
    const hooks = [
      "requestDidStart",
      "unexpectedErrorProcessingRequest",
      "contextCreationDidFail",
      "invalidRequestWasReceived",
      "aHookApolloAddsLater",
    ];
    for (const hook of hooks)
      expect(unmirroredPlugins([{ [hook]: async () => undefined }], new Set())).toEqual([`plugin 1 (${hook})`]);
  });

  it("names a plugin by Apollo's name for it, or its class (whose hooks are methods on its prototype)", () => {
    const usageReporting = ApolloServerPluginUsageReporting();
    expect(unmirroredPlugins([usageReporting, new AuditPlugin()], new Set())).toEqual([
      "ApolloServerPluginUsageReporting",
      "AuditPlugin",
    ]);
  });

  it("sees the plugins Apollo installs by itself, in the array it was given, once started", async () => {
    // app.ts checks that array after start; an Apollo that copied it would hide its own plugins.
    const plugins: ApolloServerPlugin[] = [ApolloServerPluginLandingPageDisabled()];
    const apollo = new ApolloServer({ schema: buildSchema("type Query { a: Int }"), plugins });
    await apollo.start();
    try {
      expect(unmirroredPlugins(plugins, new Set())).toEqual(["ApolloServerPluginCacheControl", "ApolloServerPluginInlineTrace"]);
    } finally {
      await apollo.stop();
    }
  });
});

describe("laneUnlessUnmirrored", () => {
  const lane = () => ({
    plugin: { requestDidStart: async () => ({}) },
    closed: false,
    close() {
      this.closed = true;
    },
  });

  it("keeps the lane when it mirrors every plugin that sees requests, and says nothing", () => {
    const l = lane();
    const warn = jest.fn();
    expect(
      laneUnlessUnmirrored(l, [l.plugin, mirroredPlugin, ApolloServerPluginCacheControlDisabled()], [mirroredPlugin], warn),
    ).toBe(l);
    expect(l.closed).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it("closes the lane for a plugin it does not mirror, and warns once naming it", () => {
    const l = lane();
    const warn = jest.fn();
    expect(laneUnlessUnmirrored(l, [l.plugin, mirroredPlugin, new AuditPlugin()], [mirroredPlugin], warn)).toBeUndefined();
    expect(l.closed).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toEqual({ plugins: ["AuditPlugin"] });
  });
});
