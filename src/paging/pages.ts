import { badInput } from "../errors/app-error";
import { InvalidCursorError } from "../store/errors";
import type { Page } from "../store/types";

/** Reads a page, turning a cursor the store cannot decode into BAD_USER_INPUT. */
export async function readPage<T>(read: () => Promise<Page<T>>): Promise<Page<T>> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof InvalidCursorError) throw badInput("`after` is not a cursor returned by this API", "after");
    throw e;
  }
}
