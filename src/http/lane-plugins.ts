/**
 * Hooks Apollo calls for the server as a whole (their listeners too: schema updates, drain, stop,
 * the landing page), never for a request: a plugin with only these cannot miss a request the
 * direct lane answers. Any other function counts as a request hook, known or not.
 */
const SERVER_HOOKS = new Set(["serverWillStart", "startupDidFail"]);

/**
 * The installed plugins the direct lane would skip: those with a request hook that are not among
 * the plugins whose work the lane does itself (`mirrored`, by identity), by name.
 */
export function unmirroredPlugins(installed: readonly object[], mirrored: ReadonlySet<object>): string[] {
  return installed.flatMap((plugin, index) => {
    if (mirrored.has(plugin)) return [];
    const hooks = hooksOf(plugin);
    return hooks.some((hook) => !SERVER_HOOKS.has(hook)) ? [nameOf(plugin, index, hooks)] : [];
  });
}

/** Function-valued properties, own and inherited (a class's methods), but not Object's. */
function hooksOf(plugin: object): string[] {
  const hooks = new Set<string>();
  for (let o: object | null = plugin; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key !== "constructor" && typeof (plugin as Record<string, unknown>)[key] === "function") hooks.add(key);
    }
  }
  return [...hooks];
}

/** Apollo's name for its own plugins, a class's name, or the plugin's place in the list and its hooks. */
function nameOf(plugin: object, index: number, hooks: string[]): string {
  const internalId = (plugin as { __internal_plugin_id__?: unknown }).__internal_plugin_id__;
  if (typeof internalId === "string") return `ApolloServerPlugin${internalId}`;
  const className = (Object.getPrototypeOf(plugin) as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (className && className !== "Object") return className;
  return `plugin ${index + 1} (${hooks.join(", ")})`;
}

/**
 * The lane, or undefined when an installed plugin it does not mirror would miss the requests it
 * answers: the lane is then closed (all goes through Apollo) and that is logged once, at start-up.
 */
export function laneUnlessUnmirrored<L extends { plugin: object; close(): void }>(
  lane: L | undefined,
  installed: readonly object[],
  mirrored: readonly object[],
  warn: (message: string, detail: unknown) => void,
): L | undefined {
  if (!lane) return undefined;
  const skipped = unmirroredPlugins(installed, new Set([lane.plugin, ...mirrored]));
  if (skipped.length === 0) return lane;
  lane.close();
  warn("direct execution lane off: every request goes through Apollo, for plugins the lane does not mirror", {
    plugins: skipped,
  });
  return undefined;
}
