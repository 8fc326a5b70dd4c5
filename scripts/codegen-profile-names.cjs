// A graphql-codegen plugin (codegen.yml): the names of the upload profiles in the profiles file as a
// TypeScript union, so upload(file, { profile: "avatr" }) does not compile. Reads no schema.
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

module.exports = {
  plugin(_schema, _documents, config) {
    const file = config.profilesFile ?? "src/config/profiles.json";
    const names = Object.keys(JSON.parse(readFileSync(resolve(file), "utf8")));
    if (names.length === 0) throw new Error(`${file} names no profile`);
    const union = names.map((name) => `\n  | ${JSON.stringify(name)}`).join("");
    return `/** The upload profiles in ${file}, by name (npm run codegen). */\nexport type ConfiguredProfileName =${union};\n`;
  },
};
