/**
 * What the code logs through: one structured line per event. The implementation (pino, with
 * secrets redacted) is observability/logger.ts; this contract stays low so any layer may log.
 */
export interface Logger {
  // Properties, not methods: callers pass `logger.error` around as a callback, so no `this`.
  debug: (message: string, detail?: unknown) => void;
  info: (message: string, detail?: unknown) => void;
  warn: (message: string, detail?: unknown) => void;
  error: (message: string, detail?: unknown) => void;
}
