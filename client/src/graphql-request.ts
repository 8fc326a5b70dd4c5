import { abortedError, ClientErrorCode, ValetError, type GraphQLErrorShape } from "./errors.js";
import type { TypedDocumentString } from "./generated/graphql.js";

/** Where the bearer token comes from; called before every request, so it may refresh. */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

/** Sends one typed operation and answers its data; every failure is a ValetError with a code. */
export type Requester = <R, V>(document: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal) => Promise<R>;

interface Answer {
  data?: unknown;
  errors?: GraphQLErrorShape[];
}

export function createRequester(url: string, getToken: TokenSource = () => undefined, fetchImpl?: typeof fetch): Requester {
  return async <R, V>(document: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R> => {
    const token = await getToken();
    const res = await send(fetchImpl ?? globalThis.fetch, url, {
      method: "POST",
      // JSON is not a "simple" type, so the server's CSRF prevention lets it through.
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
    const answer = await readAnswer(res, signal);
    const first = answer.errors?.[0];
    if (first) {
      throw new ValetError(first.extensions?.code ?? "GRAPHQL_ERROR", first.message, {
        status: res.status,
        errors: answer.errors,
      });
    }
    if (answer.data == null)
      throw new ValetError(ClientErrorCode.BAD_RESPONSE, `no data in the answer (HTTP ${res.status})`, { status: res.status });
    return answer.data as R;
  };
}

async function send(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (e) {
    if (init.signal?.aborted) throw abortedError();
    throw new ValetError(ClientErrorCode.NETWORK_ERROR, `cannot reach ${url}: ${(e as Error).message}`, { cause: e });
  }
}

async function readAnswer(res: Response, signal?: AbortSignal): Promise<Answer> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    if (signal?.aborted) throw abortedError();
    throw new ValetError(ClientErrorCode.NETWORK_ERROR, `the answer broke off: ${(e as Error).message}`, {
      status: res.status,
      cause: e,
    });
  }
  try {
    return JSON.parse(text) as Answer;
  } catch {
    throw new ValetError(ClientErrorCode.BAD_RESPONSE, `HTTP ${res.status} without a GraphQL answer: ${text.slice(0, 200)}`, {
      status: res.status,
    });
  }
}
