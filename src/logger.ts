import type { Config } from "./config/config";

/** A minimal structured logger: one JSON line per event on stderr. */
export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

export function createLogger(level: Config["logLevel"]): Logger {
  const threshold = LEVELS.indexOf(level);
  const at = (name: (typeof LEVELS)[number]) => (message: string, detail?: unknown) => {
    if (LEVELS.indexOf(name) < threshold) return;
    const extra = detail instanceof Error ? { error: detail.message, stack: detail.stack } : detail === undefined ? {} : { detail };
    process.stderr.write(`${JSON.stringify({ level: name, time: new Date().toISOString(), message, ...extra })}\n`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
