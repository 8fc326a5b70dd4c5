import { createValetClient, type ProfileName, type UploadOptions } from "./index.js";

// The checks are the types: npm run typecheck fails if a misspelt profile name compiles.
describe("ProfileName", () => {
  const valet = createValetClient({ url: "http://127.0.0.1:9/graphql" });
  const file = new Blob(["x"], { type: "image/png" });
  const someString: string = "avatar";
  // Never called: only compiled.
  const calls = () => [
    valet.upload(file, { profile: "avatar" }),
    valet.upload(file, { profile: "press-kit" }),
    // @ts-expect-error: a misspelt profile name does not compile
    valet.upload(file, { profile: "avatr" }),
    // @ts-expect-error: nor does any string that is not a profile's name
    valet.upload(file, { profile: someString }),
    valet.requestUploadGrant({ profile: "document", filename: "a.pdf", contentType: "application/pdf", size: 1 }),
    // @ts-expect-error: the grant step alone takes profile names only too
    valet.requestUploadGrant({ profile: "avatr", filename: "a.png", contentType: "image/png", size: 1 }),
  ];

  it("is the union of the names in the profiles file", () => {
    const names: ProfileName[] = ["avatar", "document", "press-kit"];
    // @ts-expect-error: a name not in the profiles file
    const wrong: ProfileName = "avatr";
    expect([...names, wrong]).toHaveLength(4);
    expect(typeof calls).toBe("function");
  });

  it("still takes a profile object from uploadProfiles() for names the build does not know", () => {
    const options: UploadOptions = {
      profile: { name: "from-the-server", description: "", contentTypes: [], maxBytes: 1, defaultExpiresIn: 1, maxExpiresIn: 1 },
    };
    expect(options.profile).toHaveProperty("name", "from-the-server");
  });
});
