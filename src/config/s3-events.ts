import { ConfigError } from "./config-error";
import type { S3EventSettings } from "./config.types";
import type { Env } from "./env.schema";

/** The token `npm run dev`'s RGW pushes with; refused in production. */
export const DEV_S3_EVENTS_TOKEN = "valet-development-s3-events-token-do-not-use";

/** S3_EVENTS and its token: required in production, a development default elsewhere. */
export function s3EventSettings(env: Env, isDev: boolean): S3EventSettings {
  const token = env.S3_EVENTS_TOKEN ?? (isDev ? DEV_S3_EVENTS_TOKEN : undefined);
  if (env.S3_EVENTS && (!token || (!isDev && token === DEV_S3_EVENTS_TOKEN)))
    throw new ConfigError("S3_EVENTS=true in production needs S3_EVENTS_TOKEN: a secret of at least 32 characters");
  return { enabled: env.S3_EVENTS, token: token ?? "", url: env.S3_EVENTS_URL };
}
