import type { Viewer } from "../auth/viewer";
import { loadProfiles } from "../config/config";
import { S3_LIMITS } from "../domain/limits";
import { UploadMethod, type UploadMethod as Method } from "../domain/model";
import { AppError } from "../errors/app-error";
import { chooseMethod, parseMd5, partSizeOf, partsProblem, planParts } from "./upload-method";
import { planUpload } from "./upload.policy";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 * GiB;
const { POST, PUT, MULTIPART } = UploadMethod;
const all = [POST, PUT, MULTIPART];
const profile = (methods: Method[] = all, multipartThreshold = 64 * MiB) => ({ name: "p", methods, multipartThreshold });

const failure = (f: () => unknown): { code: string; field?: unknown; message: string } | null => {
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, field: e.details?.field, message: e.message };
  }
};

describe("chooseMethod", () => {
  test.each([
    ["POST up to the threshold", all, null, 64 * MiB, POST],
    ["MULTIPART above the threshold", all, null, 64 * MiB + 1, MULTIPART],
    ["PUT when the profile has no POST", [PUT, MULTIPART], null, 1, PUT],
    ["MULTIPART for small files when it is all the profile allows", [MULTIPART], null, 1, MULTIPART],
    ["PUT above the threshold when the profile has no MULTIPART", [POST, PUT], null, 100 * MiB, PUT],
    ["POST above the threshold when it is all the profile allows", [POST], null, 100 * MiB, POST],
    ["a named PUT", all, PUT, 1, PUT],
    ["a named MULTIPART for one byte", all, MULTIPART, 1, MULTIPART],
    ["a named POST of exactly 5 GiB", all, POST, 5 * GiB, POST],
    ["a named MULTIPART of 5 TiB", all, MULTIPART, 5 * TiB, MULTIPART],
  ] as const)("picks %s", (_label, methods, requested, size, expected) => {
    expect(chooseMethod(profile([...methods]), requested, size)).toBe(expected);
  });

  test.each([
    ["a method the profile does not allow", [POST, MULTIPART], PUT, 1, /PUT is not allowed .*POST, MULTIPART/],
    ["POST of 5 GiB + 1", all, POST, 5 * GiB + 1, /use method MULTIPART/],
    ["PUT of 5 GiB + 1", all, PUT, 5 * GiB + 1, /use method MULTIPART/],
    ["no method fits 5 GiB + 1 without MULTIPART", [POST, PUT], null, 5 * GiB + 1, /use method MULTIPART/],
  ] as const)("refuses %s with BAD_USER_INPUT on method", (_label, methods, requested, size, message) => {
    const error = failure(() => chooseMethod(profile([...methods]), requested, size));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "method" });
    expect(error!.message).toMatch(message);
  });
});

describe("planParts", () => {
  test.each([
    ["one byte: one part", 1, 5 * MiB, 5 * MiB, 1],
    ["exactly one minimum part", 5 * MiB, 5 * MiB, 5 * MiB, 1],
    ["one byte over: a second part of one byte", 5 * MiB + 1, 5 * MiB, 5 * MiB, 2],
    ["three parts, the last short", 15 * MiB - 7, 5 * MiB, 5 * MiB, 3],
    ["10,000 minimum parts exactly", 10_000 * 5 * MiB, 5 * MiB, 5 * MiB, 10_000],
    ["one byte more: parts grow by one byte", 10_000 * 5 * MiB + 1, 5 * MiB, 5 * MiB + 1, 10_000],
    ["5 TiB: the smallest part size within 10,000 parts", 5 * TiB, 5 * MiB, 549_755_814, 10_000],
    ["a lowered minimum (tests)", 10_000, 1024, 1024, 10],
  ])("%s", (_label, size, min, partSize, partCount) => {
    expect(planParts(size, min)).toEqual({ partSize, partCount });
  });

  it.each([1, 2, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1, 123_456_789, 50 * GiB + 3, 5 * TiB - 1, 5 * TiB])(
    "splits %d bytes into at most 10,000 parts of at least the minimum that add up exactly",
    (size) => {
      const plan = planParts(size, S3_LIMITS.minPartSize);
      const sizes = Array.from({ length: plan.partCount }, (_, i) => partSizeOf(size, plan, i + 1));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(size);
      expect(plan.partCount).toBeLessThanOrEqual(S3_LIMITS.maxParts);
      expect(plan.partSize).toBeGreaterThanOrEqual(S3_LIMITS.minPartSize);
      expect(plan.partSize).toBeLessThanOrEqual(S3_LIMITS.maxPartSize);
      expect(sizes.slice(0, -1).every((s) => s === plan.partSize)).toBe(true);
      expect(sizes.at(-1)).toBeGreaterThanOrEqual(1);
      // The smallest such part size: one byte less would need more parts or go below the minimum.
      const smaller = plan.partSize - 1;
      expect(smaller < S3_LIMITS.minPartSize || Math.ceil(size / smaller) > S3_LIMITS.maxParts).toBe(true);
    },
  );

  test.each([
    ["above 5 TiB", 5 * TiB + 1, /size exceeds S3's largest object, 5497558138880 bytes \(5 TiB\)/],
    ["zero", 0, /size must be a positive number of bytes/],
    ["fractional", 1.5, /size must be a positive number of bytes/],
  ])("refuses a size %s", (_label, size, message) => {
    const error = failure(() => planParts(size, 5 * MiB));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "size" });
    expect(error!.message).toMatch(message);
  });

  it("allows a configured minimum of S3's largest part, and no larger (a misconfiguration)", () => {
    expect(planParts(1, S3_LIMITS.maxPartSize)).toEqual({ partSize: S3_LIMITS.maxPartSize, partCount: 1 });
    expect(() => planParts(1, S3_LIMITS.maxPartSize + 1)).toThrow(
      new RangeError(`part size ${S3_LIMITS.maxPartSize + 1} exceeds S3's ${S3_LIMITS.maxPartSize}`),
    );
  });

  test.each([0, 4, 1.5])("refuses part number %s of a 3-part plan", (n) => {
    const error = failure(() => partSizeOf(15 * MiB, { partSize: 5 * MiB, partCount: 3 }, n));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "partNumbers" });
    expect(error!.message).toMatch(`part ${n} does not exist: this upload has parts 1..3`);
  });
});

describe("parseMd5", () => {
  it("accepts a base64 MD5 digest", () => {
    expect(parseMd5("XrY7u+Ae7tCTyyK7j1rNww==", "md5")).toBe("XrY7u+Ae7tCTyyK7j1rNww==");
  });
  test.each([
    "5eb63bbbe01eeed093cb22bb8f5acdc3",
    "XrY7u+Ae7tCTyyK7j1rNww",
    "XrY7u+Ae7tCTyyK7j1rNwx==",
    "XrY7u-Ae7tCTyyK7j1rNww==",
    "",
  ])("refuses %j", (md5) => {
    const error = failure(() => parseMd5(md5, "md5"));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "md5" });
    expect(error!.message).toMatch(/^md5 must be the base64 MD5 digest/);
  });
});

describe("planUpload with methods", () => {
  const profiles = loadProfiles(`${__dirname}/../config/profiles.json`);
  const staff: Viewer = { id: "sam", roles: ["staff"] };
  const env = { now: new Date("2030-01-01T00:00:00Z"), uuid: "11111111-2222-4333-8444-555555555555" };
  const pressKit = { profile: "press-kit", filename: "film.mp4", contentType: "video/mp4" };

  it("plans a large file as MULTIPART with the server's split", () => {
    const plan = planUpload(staff, profiles, { ...pressKit, size: 100 * MiB + 1 }, env);
    expect(plan).toMatchObject({ method: MULTIPART, parts: { partSize: 5 * MiB, partCount: 21 }, size: 100 * MiB + 1 });
    expect(plan).not.toHaveProperty("md5");
  });

  it("uses the configured minimum part size", () => {
    const plan = planUpload(staff, profiles, { ...pressKit, size: 10_000, method: MULTIPART }, { ...env, minPartSize: 4096 });
    expect(plan).toMatchObject({ method: MULTIPART, parts: { partSize: 4096, partCount: 3 } });
  });

  it("keeps a PUT's MD5", () => {
    const plan = planUpload(staff, profiles, { ...pressKit, size: 10, method: PUT, md5: "XrY7u+Ae7tCTyyK7j1rNww==" }, env);
    expect(plan).toMatchObject({ method: PUT, md5: "XrY7u+Ae7tCTyyK7j1rNww==" });
    expect(plan).not.toHaveProperty("parts");
  });

  it("plans a PUT without an MD5 as one with a null digest", () => {
    expect(planUpload(staff, profiles, { ...pressKit, size: 10, method: PUT }, env)).toMatchObject({ method: PUT, md5: null });
  });

  test.each([
    ["an MD5 on a POST", { method: POST }],
    ["an MD5 on a MULTIPART", { method: MULTIPART }],
    ["an MD5 on the default method", {}],
  ])("refuses %s", (_label, change) => {
    const request = { ...pressKit, size: 10, md5: "XrY7u+Ae7tCTyyK7j1rNww==", ...change };
    expect(failure(() => planUpload(staff, profiles, request, env))).toMatchObject({ code: "BAD_USER_INPUT", field: "md5" });
  });
});

describe("partsProblem", () => {
  const plan = { partSize: 5 * MiB, partCount: 3 };
  const size = 12 * MiB;
  const part = (partNumber: number, bytes = partNumber < 3 ? 5 * MiB : 2 * MiB) => ({ partNumber, size: bytes });

  it("accepts exactly the planned parts with their planned sizes, in any order", () => {
    expect(partsProblem(size, plan, [part(3), part(1), part(2)])).toBeNull();
  });

  test.each([
    ["a missing part", [part(1), part(3)], { missing: [2] }, /parts missing: 2/],
    ["no parts at all", [], { missing: [1, 2, 3] }, /parts missing: 1, 2, 3/],
    [
      "a part one byte long",
      [part(1), part(2, 5 * MiB + 1), part(3)],
      { wrongSize: [2] },
      /part 2 is 5242881 bytes, planned 5242880/,
    ],
    ["a short last part", [part(1), part(2), part(3, 2 * MiB - 1)], { wrongSize: [3] }, /part 3 is 2097151 bytes/],
    ["a part beyond the plan", [part(1), part(2), part(3), part(4, 1)], { unexpected: [4] }, /beyond the plan of 3: 4/],
    [
      "parts beyond the plan, in order, when they come out of order",
      [part(7, 1), part(1), part(0, 1), part(2), part(5, 1), part(3)],
      { missing: [], wrongSize: [], unexpected: [0, 5, 7] },
      /beyond the plan of 3: 0, 5, 7$/,
    ],
    [
      "one part missing and one beyond the plan",
      [part(1), part(3), part(4, 1)],
      { missing: [2], unexpected: [4] },
      /parts missing: 2; parts beyond the plan of 3: 4$/,
    ],
    [
      "one part missing and one of the wrong size",
      [part(1), part(3, 1)],
      { missing: [2], wrongSize: [3] },
      /parts missing: 2; part 3 is 1 bytes/,
    ],
  ])("names %s", (_label, parts, fields, message) => {
    const problem = partsProblem(size, plan, parts);
    expect(problem).toMatchObject(fields);
    expect(problem!.message).toMatch(message);
  });

  it("says nothing of missing parts when none are missing", () => {
    expect(partsProblem(size, plan, [part(1), part(2), part(3), part(4, 1)])?.message).toBe(
      "the upload cannot be completed yet: parts beyond the plan of 3: 4",
    );
  });

  it("lists 20 parts in full, and counts the rest", () => {
    const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(", ");
    expect(partsProblem(20, { partSize: 1, partCount: 20 }, [])?.message).toBe(
      `the upload cannot be completed yet: parts missing: ${numbers(20)}`,
    );
    expect(partsProblem(21, { partSize: 1, partCount: 21 }, [])?.message).toBe(
      `the upload cannot be completed yet: parts missing: ${numbers(20)} and 1 more`,
    );
  });

  it("keeps the message short for thousands of missing parts", () => {
    const problem = partsProblem(10_000 * 5 * MiB, { partSize: 5 * MiB, partCount: 10_000 }, []);
    expect(problem!.missing).toHaveLength(10_000);
    expect(problem!.message).toMatch(/1, 2, .*, 20 and 9980 more$/);
  });
});
