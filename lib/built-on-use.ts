// Message schemas are built when first used, not when their module loads. A content script starts before the page
// parses (document_start), and building every schema of the protocol there, most of them for the extension's own
// pages, held each page's parser for milliseconds of the time to its first badge.

/** A value made by `make` the first time it is asked for, then kept. */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** An object whose every property is made by its function the first time it is read, then kept. */
export function builtOnUse<T extends Record<string, () => unknown>>(
  definitions: T,
): { [K in keyof T]: ReturnType<T[K]> } {
  const built = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(definitions) as Array<keyof T & string>) {
    Object.defineProperty(built, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = (definitions[key] as () => ReturnType<T[typeof key]>)();
        Object.defineProperty(built, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return built;
}
