import type { Logger } from "../logger";
import { createReadiness, type ReadinessCheck } from "./readiness";

const quietLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const log = (message: string) => void lines.push(message);
  return { lines, debug: log, info: log, warn: log, error: log };
};
const ok: ReadinessCheck = async () => undefined;
const failing: ReadinessCheck = async () => Promise.reject(new Error("ECONNREFUSED"));
const hanging: ReadinessCheck = (signal) =>
  new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));

const answer = async (readiness: ReturnType<typeof createReadiness>) => {
  const { status, body } = await readiness.route();
  return { status, ...(JSON.parse(body) as { ready: boolean; down?: string[]; checks: Record<string, string> }) };
};

describe("readiness", () => {
  it("answers 200 when every check passes", async () => {
    expect(await answer(createReadiness({ registry: ok, s3: ok }, 100, quietLogger()))).toEqual({
      status: 200,
      ready: true,
      checks: { registry: "ok", s3: "ok" },
    });
  });

  test.each([
    ["fails", failing, "down"],
    ["outlasts the timeout", hanging, "timeout"],
  ])("answers 503 naming a check that %s", async (_what, s3, state) => {
    const started = Date.now();
    expect(await answer(createReadiness({ registry: ok, s3 }, 100, quietLogger()))).toEqual({
      status: 503,
      ready: false,
      down: ["s3"],
      checks: { registry: "ok", s3: state },
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("aborts a check that outlasts the timeout", async () => {
    let aborted = false;
    const check: ReadinessCheck = (signal) => new Promise(() => signal.addEventListener("abort", () => (aborted = true)));
    await createReadiness({ s3: check }, 20, quietLogger()).route();
    expect(aborted).toBe(true);
  });

  it("runs one check at a time: concurrent probes share the running one", async () => {
    let runs = 0;
    const slow: ReadinessCheck = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 30));
    };
    const readiness = createReadiness({ registry: slow }, 1000, quietLogger());
    await Promise.all([readiness.route(), readiness.route(), readiness.route()]);
    expect(runs).toBe(1);
    await readiness.route();
    expect(runs).toBe(2);
  });

  it("answers 503 while draining, even with every check passing", async () => {
    const readiness = createReadiness({ s3: ok }, 100, quietLogger());
    readiness.drain();
    expect(await answer(readiness)).toMatchObject({ status: 503, down: ["draining"], checks: { s3: "ok" } });
  });

  it("logs when a check goes down and when it recovers, not on every probe", async () => {
    const logger = quietLogger();
    let up = false;
    const readiness = createReadiness(
      { s3: () => (up ? ok(new AbortController().signal) : failing(new AbortController().signal)) },
      100,
      logger,
    );
    await readiness.route();
    await readiness.route();
    up = true;
    await readiness.route();
    await readiness.route();
    expect(logger.lines).toEqual(["readiness check down", "readiness check recovered"]);
  });
});
