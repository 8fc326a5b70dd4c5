import { AppError } from "../errors/app-error";
import type { ServiceDeps } from "../services/deps";
import { issueDownloadGrants, MAX_BATCH_KEYS } from "./download-grant.service";
import { MAX_PARTS_PER_CALL, signUploadParts } from "./multipart.service";

// The request's grant budget (GRANTS_PER_REQUEST_MAX, at most 1000) refuses larger lists before a
// resolver runs, so these limits are only reached by a caller inside the server: they hold anyway,
// and refuse before any dependency is touched. That 1000 is accepted is shown in test/graphql.
const untouchable = new Proxy({} as ServiceDeps, {
  get: (_target, name) => {
    throw new Error(`deps.${String(name)} was used`);
  },
});
const alice = { id: "alice", roles: [] };
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("per-call list limits of the grant services", () => {
  it("issueDownloadGrants refuses more than 1000 keys", async () => {
    const keys = numbers(MAX_BATCH_KEYS + 1).map((i) => `users/alice/avatar/${i}.png`);
    const refusal = issueDownloadGrants(untouchable, alice, keys, {}, null);
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: "at most 1000 keys per request",
      details: { field: "keys" },
    });
  });

  it("issueDownloadGrants goes on to the registry with 1000 keys", async () => {
    const keys = numbers(MAX_BATCH_KEYS).map((i) => `users/alice/avatar/${i}.png`);
    await expect(issueDownloadGrants(untouchable, alice, keys, {}, null)).rejects.toThrow("deps.store was used");
  });

  it("signUploadParts refuses more than 1000 part numbers", async () => {
    const refusal = signUploadParts(untouchable, alice, "grant", { partNumbers: numbers(MAX_PARTS_PER_CALL + 1) });
    await expect(refusal).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: "at most 1000 parts per call",
      details: { field: "partNumbers" },
    });
  });

  it("signUploadParts goes on to the registry with 1000 part numbers", async () => {
    const request = { partNumbers: numbers(MAX_PARTS_PER_CALL) };
    await expect(signUploadParts(untouchable, alice, "grant", request)).rejects.toThrow("deps.store was used");
  });
});
