import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

/** `node src/main.ts` as deployed, in a child process, with every log line it wrote kept. */
export interface ValetProcess {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** Every line on stderr, raw, as an operator's log shipper would get it. */
  lines: string[];
  /** The same lines parsed (JSON logs). */
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; at: number }>;
  /** SIGTERM, then wait for the exit (the drain runs). */
  stop(): Promise<void>;
}

/** How to start it: another entry point (src/cli/cluster.ts), and how many "valet listening" lines mean up. */
export interface StartOptions {
  timeoutMs?: number;
  script?: string;
  listening?: number;
}

/** Starts main.ts with `env` (production, JSON logs on stderr); resolves once it says it listens. */
export function startValetProcess(
  env: Record<string, string>,
  { timeoutMs = 30_000, script = "src/main.ts", listening = 1 }: StartOptions = {},
): Promise<ValetProcess> {
  const root = resolve(__dirname, "../..");
  const child = spawn(process.execPath, ["-r", "@swc-node/register", script], {
    cwd: root,
    // No drain delay unless a test asks: stop() would otherwise wait DRAIN_DELAY_MS's 5 s default every time.
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_FORMAT: "json",
      DRAIN_DELAY_MS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<{ code: number | null; at: number }>((done) =>
    child.once("exit", (code) => done({ code, at: Date.now() })),
  );
  return new Promise((ok, fail) => {
    const timer = setTimeout(
      () => (child.kill("SIGKILL"), fail(new Error(`valet not listening in ${timeoutMs} ms: ${lines.join("\n")}`))),
      timeoutMs,
    );
    let buffer = "";
    // stdout too: nothing should be written there, and anything that is must be scanned as well.
    child.stdout.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
    child.stderr.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const complete = buffer.split("\n");
      buffer = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        const entry = parseLine(line);
        logs.push(entry);
        if (entry.message !== "valet listening" || logs.filter((l) => l.message === "valet listening").length < listening)
          continue;
        clearTimeout(timer);
        const port = Number(entry.port);
        ok({
          child,
          port,
          url: `http://127.0.0.1:${port}/graphql`,
          lines,
          logs,
          exited,
          stop: async () => void (child.kill("SIGTERM"), await exited),
        });
      }
    });
    void exited.then(
      ({ code }) => (clearTimeout(timer), fail(new Error(`valet exited with ${code} before listening: ${lines.join("\n")}`))),
    );
  });
}

/**
 * Lines that carry a credential: any of `secrets` verbatim (tokens sent, signatures received),
 * or anything shaped like one (a SigV4 signature, a JWT, a bearer token).
 */
export function linesWithSecrets(lines: readonly string[], secrets: readonly string[]): string[] {
  const shapes = [
    /X-Amz-Signature=[0-9a-f]{16}/i,
    /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/,
    /bearer\s+[\w-]{12,}/i,
    /"[0-9a-f]{64}"/,
  ];
  return lines.filter((line) => shapes.some((s) => s.test(line)) || secrets.some((s) => s.length >= 12 && line.includes(s)));
}

// A line that is not JSON (a crash before the logger exists) is kept as its text.
function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { text: line };
  }
}
