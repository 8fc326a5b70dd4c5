import { createContext, createElement, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { createValetClient, type ValetClient, type ValetClientOptions } from "../client.js";

interface ValetContextValue {
  client: ValetClient;
  /** Bumped after every upload that a hook finished, so lists refresh themselves. */
  uploads: number;
  uploaded: () => void;
}

const ValetContext = createContext<ValetContextValue | null>(null);

export type ValetProviderProps = ({ client: ValetClient } | ValetClientOptions) & { children?: ReactNode };

/** Makes a Valet client available to the hooks: pass a client, or the options to build one. */
export function ValetProvider(props: ValetProviderProps) {
  const given = "client" in props ? props.client : undefined;
  const { url, getToken } = props as Partial<ValetClientOptions>;
  // getToken is usually an inline arrow: read the latest one through a ref so the client stays put.
  const tokens = useRef(getToken);
  tokens.current = getToken;
  const client = useMemo(
    () => given ?? createValetClient({ url: url!, getToken: () => tokens.current?.() }),
    [given, url, tokens],
  );
  const [uploads, setUploads] = useState(0);
  const value = useMemo(() => ({ client, uploads, uploaded: () => setUploads((n) => n + 1) }), [client, uploads]);
  return createElement(ValetContext.Provider, { value }, props.children);
}

function useValetContext(): ValetContextValue {
  const value = useContext(ValetContext);
  if (!value) throw new Error("Valet hooks need a <ValetProvider> above them");
  return value;
}

/** The client of the nearest ValetProvider. */
export const useValet = (): ValetClient => useValetContext().client;

/** How many uploads the hooks have finished, and the call that counts one. */
export function useUploadCounter(): { uploads: number; uploaded: () => void } {
  const { uploads, uploaded } = useValetContext();
  return { uploads, uploaded };
}
