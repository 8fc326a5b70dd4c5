import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadQuotas } from "../../src/config/files";
import { benchLimits } from "./valet-app";

const shipped = JSON.parse(readFileSync(resolve(__dirname, "../../src/config/quotas.json"), "utf8")) as Record<
  string,
  Record<string, number | null>
>;

describe("the bench's Valet limits", () => {
  it("production: the shipped quotas file's roles and limits, each numeric and out of reach; rate limits on", () => {
    const settings = benchLimits("production");
    const quotas = loadQuotas(settings.QUOTAS_FILE);
    expect([...quotas.keys()].sort()).toEqual(Object.keys(shipped).sort());
    for (const [role, limits] of Object.entries(shipped)) {
      for (const [name, value] of Object.entries(limits)) {
        const raised = (quotas.get(role) as unknown as Record<string, number | null>)[name];
        expect(typeof raised).toBe("number"); // numeric, so the quota check runs
        expect(raised).toBeGreaterThanOrEqual(1e12 + (value ?? 0));
      }
    }
    expect(Number(settings.RATE_LIMIT_UPLOADS_PER_MINUTE)).toBeGreaterThanOrEqual(1e12); // on (0 turns it off)
    expect(Number(settings.RATE_LIMIT_DOWNLOADS_PER_MINUTE)).toBeGreaterThanOrEqual(1e12);
  });

  it("unlimited: null quotas and no rate limits, the second row", () => {
    const settings = benchLimits("unlimited");
    expect(settings.RATE_LIMIT_UPLOADS_PER_MINUTE).toBe("0");
    expect(settings.RATE_LIMIT_DOWNLOADS_PER_MINUTE).toBe("0");
    for (const limits of loadQuotas(settings.QUOTAS_FILE).values()) {
      expect(Object.values(limits).every((v) => v === null)).toBe(true);
    }
  });

  it("refuses a mode it does not know", () => {
    expect(() => benchLimits("prod")).toThrow(/production or unlimited/);
  });
});
