/** A JSON object as the app's metadata travels: parsed, with string keys. */
export type JsonObject = { [key: string]: unknown };
