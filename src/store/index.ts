export { openDatabase, type Database, type Dialect, type OpenOptions } from "./database";
export { ConflictError, InvalidCursorError } from "./errors";
export { createGroupCommit, type GroupCommit, type GroupCommitObserver } from "./group-commit";
export { createStore } from "./store";
export type * from "./types";
