export { openDatabase, type Database, type Dialect, type OpenOptions } from "./database";
export { ConflictError, InvalidCursorError } from "./errors";
export { createGroupCommit, type GroupCommit } from "./group-commit";
export { createStore } from "./store";
export type * from "./types";
