import { badInput } from "../errors/app-error";
import { pageSize } from "../policy/page-size";
import { InvalidCursorError } from "../store/errors";
import type { Page, PageArgs } from "../store/types";

/** A listing's arguments as a client gives them: any `first`, or none. */
export type PageRequest<A extends PageArgs> = Omit<A, "first"> & { first?: number | null };

/**
 * Reads a page of the size the page-size policy allows, turning a cursor the store cannot decode
 * into BAD_USER_INPUT.
 */
export async function readPage<A extends PageArgs, T>(
  request: PageRequest<A>,
  read: (args: A) => Promise<Page<T>>,
): Promise<Page<T>> {
  try {
    return await read({ ...request, first: pageSize(request.first) } as A);
  } catch (e) {
    if (e instanceof InvalidCursorError) throw badInput("`after` is not a cursor returned by this API", "after");
    throw e;
  }
}
