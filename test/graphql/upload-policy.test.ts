import { RequestUploadDocument, type RequestUploadInput } from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { asPost } from "../support/uploads";

// The policy document Valet writes into a presigned POST; what the RGW does with it is in test/e2e/upload-policy.
describe("presigned POST policy, as Valet writes it", () => {
  let t: InProcessApp;
  let alice: string;

  beforeAll(async () => {
    t = await startInProcessApp();
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  const grant = async (overrides: Partial<RequestUploadInput> = {}) =>
    asPost(dataOf(await t.gql(RequestUploadDocument, { input: avatarInput(overrides) }, alice)).requestUpload);

  it("pins the signature's expiry to the grant's expiresAt", async () => {
    const g = await grant({ expiresIn: 120 });
    const field = g.fields.find((f) => f.name === "Policy");
    const policy = JSON.parse(Buffer.from(field?.value ?? "", "base64").toString()) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(new Date(policy.expiration).getTime()).toBe(new Date(g.expiresAt).getTime());
    expect(new Date(g.expiresAt).getTime() - new Date(g.issuedAt).getTime()).toBe(g.expiresIn * 1000);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["eq", "$Content-Type", "image/png"],
        ["content-length-range", 1, 64],
      ]),
    );
  });
});
