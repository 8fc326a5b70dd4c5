import pino from "pino";
import type { PrettyOptions } from "pino-pretty";
import type { Config } from "../config/config";
import type { Logger } from "../logger";
import { redactSecrets } from "./redact";

/** Where log lines go: anything with write(line), e.g. a buffer in tests. */
export interface LogDestination {
  write(line: string): unknown;
}

export interface LoggerOptions {
  level: Config["logLevel"];
  format: Config["logFormat"];
  /** Defaults to stderr. */
  destination?: LogDestination;
}

/** The app's logger: pino underneath, flushed on shutdown. */
export interface AppLogger extends Logger {
  /** Writes out buffered lines; call before the process exits. */
  flush(): void;
}

/**
 * JSON lines (level, time, pid, hostname, message, fields); pretty-printed when asked and
 * pino-pretty (a dev dependency) is installed. Every line passes redactSecrets before it is
 * written, whatever it carries.
 */
export function createLogger({ level, format, destination }: LoggerOptions): AppLogger {
  const sink = destination ?? defaultSink(format);
  const log = pino(
    {
      level,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => void sink.write(redactSecrets(line)) },
  );
  const at =
    (method: "debug" | "info" | "warn" | "error") =>
    (message: string, detail?: unknown): void => {
      if (detail === undefined) log[method](message);
      else log[method](fieldsOf(detail), message);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    flush: () => (sink as { flushSync?: () => void }).flushSync?.(),
  };
}

// A plain object's fields become the line's fields; an error goes under `err`, where pino's
// serializer keeps its type, message, stack and causes; anything else goes under `detail`.
function fieldsOf(detail: unknown): object {
  if (detail instanceof Error) return { err: detail };
  if (typeof detail === "object" && detail !== null) {
    const proto: unknown = Object.getPrototypeOf(detail);
    if (proto === Object.prototype || proto === null) return detail;
  }
  return { detail };
}

// Buffered (async) writes to stderr; pino flushes them when the process exits.
function defaultSink(format: LoggerOptions["format"]): LogDestination {
  if (format === "pretty") {
    const pretty = loadPretty();
    if (pretty)
      return pretty({
        destination: 2,
        sync: true,
        messageKey: "message",
        translateTime: "SYS:HH:MM:ss.l",
        ignore: "pid,hostname",
      });
  }
  return pino.destination({ dest: 2, sync: false });
}

type Pretty = (options: PrettyOptions) => LogDestination;

function loadPretty(): Pretty | undefined {
  try {
    // Required lazily: it is a dev dependency, absent from the production image.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional dev dependency, loaded only when asked for
    return require("pino-pretty") as Pretty;
  } catch {
    return undefined;
  }
}
