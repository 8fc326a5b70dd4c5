export { openDatabase, type Database, type Dialect, type OpenOptions } from "./database";
export { ConflictError, InvalidCursorError } from "./errors";
export type { GrantRepository } from "./grants.repo";
export type { ObjectRepository } from "./objects.repo";
export { createStore, type Store } from "./store";
export type * from "./types";
