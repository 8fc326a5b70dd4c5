import { parseArgs } from "node:util";
import { SignJWT } from "jose";
import { loadConfig } from "../config/config";

const USAGE = `usage: npm run token -- --sub alice [--roles user,admin] [--ttl 3600]
  Prints a bearer token signed with the configured HS256 secret (the dev secret outside production).
  --sub    the token's subject (the viewer id)
  --roles  comma-separated roles (user, admin, staff)
  --ttl    lifetime in seconds (default 3600; e.g. 86400 for a day)`;

// Prints a bearer token signed with the configured HS256 secret (the dev secret by default).
async function main() {
  const { values } = parseArgs({
    options: {
      sub: { type: "string" },
      roles: { type: "string", default: "" },
      ttl: { type: "string", default: "3600" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.sub) throw new Error(USAGE);
  if (!/^[1-9]\d*$/.test(values.ttl)) throw new Error(`--ttl must be a positive whole number of seconds\n${USAGE}`);
  const config = loadConfig();
  if (config.auth.kind !== "secret") throw new Error("tokens can only be minted here for HS256 (AUTH_JWT_SECRET) setups");
  const roles = values.roles
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  let jwt = new SignJWT({ [config.auth.rolesClaim]: roles })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(values.sub)
    .setIssuedAt()
    .setExpirationTime(`${Number(values.ttl)}s`);
  if (config.auth.issuer) jwt = jwt.setIssuer(config.auth.issuer);
  if (config.auth.audience) jwt = jwt.setAudience(config.auth.audience);
  process.stdout.write(`${await jwt.sign(config.auth.secret)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
