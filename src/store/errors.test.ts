import { isStoreUnavailable } from "./errors";

const coded = (code: string, message = "driver error") => Object.assign(new Error(message), { code });

describe("isStoreUnavailable", () => {
  test.each([
    ["lock_timeout", coded("55P03")],
    ["statement_timeout", coded("57014")],
    ["a connection the server ended (admin_shutdown)", coded("57P01")],
    ["a server not accepting connections yet", coded("57P03")],
    ["the connection-exception class", coded("08006")],
    ["too many connections", coded("53300")],
    ["a read-only server", coded("25006")],
    ["SQLite busy past its timeout", coded("SQLITE_BUSY")],
    ["a refused socket", coded("ECONNREFUSED")],
    ["a reset socket", coded("ECONNRESET")],
    ["pg's dropped connection", new Error("Connection terminated unexpectedly")],
    ["pg-pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["any of them as a cause", new Error("wrapped", { cause: coded("55P03") })],
  ])("is true for %s", (_what, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  test.each([
    ["a unique violation", coded("23505")],
    ["a check violation", coded("23514")],
    ["a syntax error", coded("42601")],
    ["an error without a code", new Error("boom")],
    ["something not an Error", { code: "55P03" }],
    ["undefined", undefined],
  ])("is false for %s", (_what, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});
