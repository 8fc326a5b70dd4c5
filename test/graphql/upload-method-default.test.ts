import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";

// Until multipart grants are issued, a file above the multipart threshold still gets the one POST
// form it always got (S3 takes up to 5 GiB that way); only an explicit MULTIPART is refused.
const ASK = `mutation($input: RequestUploadInput!) { requestUpload(input: $input) { method url } }`;
const input = (method?: string) => ({ profile: "press-kit", filename: "kit.zip", contentType: "application/zip", size: 100 * 1024 ** 2, ...(method ? { method } : {}) });

describe("the upload method of a large file", () => {
  let t: InProcessApp;
  let staff: string;
  beforeAll(async () => {
    t = await startInProcessApp();
    staff = await tokenFor("sam", ["staff"]);
  });
  afterAll(() => t.close());

  it("is a POST form when none is asked, above the multipart threshold too", async () => {
    const res = await t.gql<{ requestUpload: { method: string; url: string } }>(ASK, { input: input() }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data?.requestUpload).toMatchObject({ method: "POST", url: expect.stringContaining("http") });
  });

  it("is refused with BAD_USER_INPUT when MULTIPART is asked for (not issued yet)", async () => {
    const res = await t.gql(ASK, { input: input("MULTIPART") }, staff);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "method" } });
  });
});
