import { compileMetadataSchema } from "../config/metadata-schema";
import { MAX_METADATA_BYTES } from "../domain/limits";
import { AppError } from "../errors/app-error";
import { checkMetadata } from "./metadata.policy";

const open = { name: "open" };
const invoice = {
  name: "invoice",
  checkMetadata: compileMetadataSchema("invoice", {
    type: "object",
    properties: {
      invoiceId: { type: "string", pattern: "^INV-[0-9]+$" },
      lines: { type: "array", items: { type: "object", properties: { qty: { type: "integer", minimum: 1 } } } },
      "a/b": { type: "number" },
    },
    required: ["invoiceId"],
    additionalProperties: false,
  }),
};

/** The error checkMetadata throws, or null when it accepts. */
function refusal(profile: Parameters<typeof checkMetadata>[0], metadata?: Record<string, unknown> | null): AppError | null {
  try {
    checkMetadata(profile, metadata);
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

// A JSON object of exactly `bytes` bytes serialized: {"p":"xxx…"} is 8 bytes plus the x's.
const sized = (bytes: number) => ({ p: "x".repeat(bytes - 8) });

describe("checkMetadata", () => {
  it("stores what it was given, and null when nothing was", () => {
    expect(checkMetadata(open, { postId: "p1", n: 2 })).toEqual({ postId: "p1", n: 2 });
    expect(checkMetadata(open, undefined)).toBeNull();
    expect(checkMetadata(open, null)).toBeNull();
  });

  it("allows exactly 4 KiB of JSON and refuses one byte more, naming the field", () => {
    expect(JSON.stringify(sized(MAX_METADATA_BYTES))).toHaveLength(MAX_METADATA_BYTES);
    expect(refusal(open, sized(MAX_METADATA_BYTES))).toBeNull();
    const e = refusal(open, sized(MAX_METADATA_BYTES + 1));
    expect(e).toMatchObject({ code: "BAD_USER_INPUT", details: { field: "metadata" } });
    expect(e?.message).toBe("metadata takes 4097 bytes as JSON; at most 4096 are allowed");
  });

  it("counts bytes, not characters: multi-byte text reaches the bound sooner", () => {
    const euros = { p: "€".repeat(Math.ceil((MAX_METADATA_BYTES - 8) / 3)) };
    expect(JSON.stringify(euros).length).toBeLessThan(MAX_METADATA_BYTES);
    expect(refusal(open, euros)?.details).toEqual({ field: "metadata" });
  });

  it("accepts metadata that matches the profile's schema", () => {
    expect(refusal(invoice, { invoiceId: "INV-42", lines: [{ qty: 1 }], "a/b": 1 })).toBeNull();
  });

  test.each<[string, Record<string, unknown> | null, string, RegExp]>([
    ["a missing required property", {}, "metadata.invoiceId", /must have required property 'invoiceId'/],
    ["nothing at all, when the schema requires a property", null, "metadata.invoiceId", /required property/],
    ["a value of the wrong pattern", { invoiceId: "42" }, "metadata.invoiceId", /must match pattern/],
    [
      "a bad item deep in an array",
      { invoiceId: "INV-1", lines: [{ qty: 1 }, { qty: 0 }] },
      "metadata.lines.1.qty",
      /must be >= 1/,
    ],
    ["a property the schema does not allow", { invoiceId: "INV-1", extra: true }, "metadata.extra", /additional properties/],
    ["a key with a slash in it", { invoiceId: "INV-1", "a/b": "x" }, "metadata.a/b", /must be number/],
  ])("refuses %s with BAD_USER_INPUT at its path", (_label, metadata, field, message) => {
    const e = refusal(invoice, metadata);
    expect(e).toMatchObject({ code: "BAD_USER_INPUT", details: { field } });
    expect(e?.message).toMatch(message);
    expect(e?.message).toContain(`${field}: `);
    expect(e?.message).toContain("the 'invoice' profile's metadataSchema");
  });

  it("never repeats the refused value in its message", () => {
    const e = refusal(invoice, { invoiceId: "secret-customer-4711" });
    expect(e?.message).not.toContain("secret-customer-4711");
  });

  it("checks the size before the schema", () => {
    expect(refusal(invoice, sized(MAX_METADATA_BYTES + 1))?.details).toEqual({ field: "metadata" });
  });
});
