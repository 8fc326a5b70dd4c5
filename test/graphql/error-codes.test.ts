import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from "@apollo/server/errors";
import { buildSchema, GraphQLEnumType, GraphQLError } from "graphql";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AppErrorCode, ErrorCode } from "../../src/errors/codes";
import { createErrorFormatter } from "../../src/errors/format-error";
import { buildValetSchema } from "../../src/schema";

// The schema's ErrorCode enum is the contract codegen consumers branch on: every code the server
// can put in extensions.code must be in it, and nothing outside it may reach a client.
describe("the ErrorCode enum", () => {
  const valuesOf = (type: unknown) => (type as GraphQLEnumType).getValues().map((v) => v.name);
  const apolloCodes = [...Object.values(ApolloServerErrorCode), ...Object.values(ApolloServerValidationErrorCode)];

  it("is in the executable schema with exactly the codes of src/errors", async () => {
    const type = (await buildValetSchema()).getType("ErrorCode");
    expect(type).toBeInstanceOf(GraphQLEnumType);
    expect(valuesOf(type).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it("is in the committed schema/schema.graphql", () => {
    const sdl = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(valuesOf(buildSchema(sdl).getType("ErrorCode")).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each(Object.values(AppErrorCode))("holds %s, a code AppError can carry", (code) => {
    expect(Object.values(ErrorCode)).toContain(code);
  });

  it.each(apolloCodes)("holds %s, a code Apollo Server answers with itself", (code) => {
    expect(Object.values(ErrorCode)).toContain(code);
  });

  describe("the error formatter", () => {
    const format = createErrorFormatter({ includeStacktrace: false, log: () => {} });
    const formatted = (code: string) => {
      const error = new GraphQLError("boom", { extensions: { code } });
      return format({ message: error.message, extensions: { code } }, error).extensions?.code;
    };
    it.each(apolloCodes.filter((c) => String(c) !== ErrorCode.INTERNAL_SERVER_ERROR))("passes %s through", (code) => {
      expect(formatted(code)).toBe(code);
    });
    it("masks a code outside the enum to INTERNAL_SERVER_ERROR", () => {
      expect(formatted("SOME_LIBRARY_CODE")).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    });
    it("answers SERVICE_UNAVAILABLE (retryable), message masked, for an error isUnavailable claims; INTERNAL_SERVER_ERROR for others", () => {
      const logged: unknown[] = [];
      const classify = createErrorFormatter({
        includeStacktrace: false,
        log: (_m, e) => logged.push(e),
        isUnavailable: (e) => (e as Error).message.includes("lock"),
      });
      const locked = new Error("canceling statement due to lock timeout");
      expect(classify({ message: locked.message }, locked)).toEqual({
        message: "the registry did not answer in time; try again",
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      });
      expect(classify({ message: "x" }, new Error("x")).extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR });
      expect(logged).toHaveLength(2);
    });
  });
});
