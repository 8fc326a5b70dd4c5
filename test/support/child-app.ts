import { print, type DocumentNode } from "graphql";
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

/** Valet in a process of its own (child-app.main.ts), so a test can kill it as an operator's kill -9 would. */
export interface ChildApp {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  process: ChildProcess;
  /** SIGKILL: no drain, no close, no chance to flush anything; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts the app with `env` on top of the test's environment; resolves when it prints READY <url>. */
export function startChildApp(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildApp> {
  const root = resolve(__dirname, "../..");
  const child = spawn(process.execPath, ["-r", "@swc-node/register", resolve(__dirname, "child-app.main.ts")], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(
      () => (child.kill("SIGKILL"), fail(new Error(`child app not ready in ${timeoutMs} ms:\n${out}`))),
      timeoutMs,
    );
    const early = (code: number | null) => (
      clearTimeout(timer),
      fail(new Error(`child app exited with ${code} before READY:\n${out}`))
    );
    child.once("exit", early);
    child.stderr.on("data", (chunk: Buffer) => void (out += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^READY (\S+)$/m.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.off("exit", early);
      ok({ url: match[1], process: child, kill: () => (child.kill("SIGKILL"), exited) });
    });
  });
}

/** One GraphQL answer with its raw text, so a test can search everything the client received. */
export interface RawAnswer<T> {
  status: number;
  text: string;
  data: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/** POSTs an operation like the harness's gql(), with extra headers (x-request-id), keeping the raw answer. */
export async function postGraphQL<T = unknown>(
  url: string,
  query: string | DocumentNode,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RawAnswer<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: typeof query === "string" ? query : print(query), variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: T; errors?: RawAnswer<T>["errors"] };
  return { status: res.status, text, data: body.data ?? null, errors: body.errors };
}
