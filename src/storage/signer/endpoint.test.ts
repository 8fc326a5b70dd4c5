import { isValidRegion, resolveBucketEndpoint } from "./endpoint";

const styleOf = (endpoint: string, bucket = "valet", forcePathStyle = false) => {
  const { host, objectPath } = resolveBucketEndpoint(endpoint, bucket, forcePathStyle);
  return host.startsWith(`${bucket}.`) && objectPath === "/"
    ? "virtual"
    : objectPath === `/${bucket}/`
      ? "path"
      : `${host} ${objectPath}`;
};

describe("resolveBucketEndpoint: bucket addressing", () => {
  // The SDK never puts a bucket in front of an IP address: such endpoints are path style.
  test.each([
    "0.0.0.0",
    "9.9.9.9",
    "10.0.0.1",
    "99.99.99.99",
    "100.100.100.100",
    "199.199.199.199",
    "200.200.200.200",
    "249.249.249.249",
    "250.250.250.250",
    "255.255.255.255",
    "1.22.133.244",
  ])("addresses a bucket at IPv4 %s path style", (ip) => {
    expect(styleOf(`http://${ip}:7480`)).toBe("path");
  });

  test.each(["http://[::1]:7480", "http://[fe80::1]"])("addresses a bucket at IPv6 %s path style", (endpoint) => {
    expect(styleOf(endpoint)).toBe("path");
  });

  test.each(["https://s3.example.com", "http://1.2.3.4x:9000", "http://minio.local:9000"])(
    "addresses a DNS-named bucket at %s virtual style",
    (endpoint) => {
      expect(styleOf(endpoint)).toBe("virtual");
    },
  );

  test.each([
    ["shorter than 3 characters", "ab"],
    ["with upper case", "MyBucket"],
    ["with dots", "my.bucket"],
    ["with an underscore", "my_bucket"],
    ["ending in a hyphen", "bucket-"],
    ["longer than one DNS label", "b".repeat(64)],
  ])("addresses a bucket %s path style, since it is no DNS label", (_label, bucket) => {
    expect(styleOf("https://s3.example.com", bucket)).toBe("path");
  });

  it("addresses a 63-character bucket virtual style", () =>
    expect(styleOf("https://s3.example.com", "b".repeat(63))).toBe("virtual"));
  it("addresses any bucket path style when asked to", () =>
    expect(styleOf("https://s3.example.com", "valet", true)).toBe("path"));

  test.each([
    ["http://h:1", false, { origin: "http://valet.h:1", host: "valet.h:1", objectPath: "/", postUrl: "http://valet.h:1/" }],
    ["https://h:443/", true, { origin: "https://h", host: "h", objectPath: "/valet/", postUrl: "https://h/valet" }],
    ["http://h/prefix", true, { origin: "http://h", host: "h", objectPath: "/prefix/valet/", postUrl: "http://h/prefix/valet" }],
    [
      "http://h.example/prefix/",
      false,
      {
        origin: "http://valet.h.example",
        host: "valet.h.example",
        objectPath: "/prefix//",
        postUrl: "http://valet.h.example/prefix/",
      },
    ],
    [
      "http://h.example",
      false,
      { origin: "http://valet.h.example", host: "valet.h.example", objectPath: "/", postUrl: "http://valet.h.example/" },
    ],
  ])("resolves %s (path style forced: %p) as the SDK does", (endpoint, force, expected) => {
    expect(resolveBucketEndpoint(endpoint, "valet", force)).toEqual(expected);
  });
});

describe("resolveBucketEndpoint: refusals name the problem", () => {
  test.each([
    ["a bucket with a slash", "http://h", "a/b", /unsupported bucket name: "a\/b"/],
    ["an empty bucket", "http://h", "", /unsupported bucket name/],
    ["a 256-character bucket", "http://h", "b".repeat(256), /unsupported bucket name/],
    ["a directory bucket", "http://h", "data--usw2-az1--x-s3", /S3 Express directory buckets are not supported/],
    ["an S3 Express One Zone bucket", "http://h", "data--usw2-az1--xa-s3", /S3 Express directory buckets are not supported/],
    ["an endpoint that is no URL", "not a url", "valet", /invalid S3 endpoint: "not a url"/],
    ["an ftp endpoint", "ftp://h", "valet", /S3 endpoint must be http\(s\)/],
    ["an endpoint with a query", "http://h/?x=1", "valet", /must not carry credentials, a query or a fragment/],
    ["an endpoint with a fragment", "http://h/#x", "valet", /must not carry credentials, a query or a fragment/],
    ["an endpoint with a user name", "http://user@h", "valet", /must not carry credentials, a query or a fragment/],
    ["an endpoint with a password only", "http://:secret@h", "valet", /must not carry credentials, a query or a fragment/],
  ])("refuses %s", (_label, endpoint, bucket, message) => {
    expect(() => resolveBucketEndpoint(endpoint, bucket, true)).toThrow(TypeError);
    expect(() => resolveBucketEndpoint(endpoint, bucket, true)).toThrow(message);
  });

  test.each(["b".repeat(255), "data--x-s3-archive", "a"])("accepts bucket %p", (bucket) => {
    expect(resolveBucketEndpoint("http://h", bucket, true).objectPath).toBe(`/${bucket}/`);
  });
});

describe("isValidRegion", () => {
  test.each([
    ["us-east-1", true],
    ["Zone1", true],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
    ["", false],
    ["-east", false],
    ["east-", false],
    ["abc-", false],
    ["eu_west", false],
  ])("%p → %p", (region, expected) => expect(isValidRegion(region)).toBe(expected));
});
