/**
 * The OLD "seed-style" baseline, kept only for `npm run bench:baseline-ab` (run through the swc
 * register, as `npm run bench` used to): `npm run bench` uses baseline.mjs, the same server in plain
 * JavaScript. A minimal Apollo Server whose resolvers call the AWS SDK's getSignedUrl /
 * createPresignedPost directly — no auth, no registry, no validation.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { BENCH_S3 } from "./settings";

const s3 = new S3Client({
  region: BENCH_S3.region,
  endpoint: BENCH_S3.endpoint,
  forcePathStyle: true,
  credentials: BENCH_S3.credentials,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});

const typeDefs = `#graphql
  type Grant { key: String!  url: String!  expiresAt: String! }
  type Field { name: String!  value: String! }
  type PostUploadGrant { key: String!  url: String!  fields: [Field!]!  expiresAt: String! }
  input RequestDownloadInput { key: String!  expiresIn: Int }
  input RequestUploadInput { profile: String!  filename: String!  contentType: String!  size: Int!  expiresIn: Int }
  type Query { ok: Boolean }
  type Mutation {
    requestDownload(input: RequestDownloadInput!): Grant!
    requestUpload(input: RequestUploadInput!): PostUploadGrant!
  }
`;

const resolvers = {
  Mutation: {
    async requestDownload(_: unknown, { input }: { input: { key: string; expiresIn?: number } }) {
      const expiresIn = input.expiresIn ?? 300;
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BENCH_S3.bucket, Key: input.key }), { expiresIn });
      return { key: input.key, url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
    },
    async requestUpload(_: unknown, { input }: { input: { filename: string; contentType: string; size: number } }) {
      const key = `uploads/${crypto.randomUUID()}`;
      const post = await createPresignedPost(s3, {
        Bucket: BENCH_S3.bucket,
        Key: key,
        Conditions: [
          ["eq", "$Content-Type", input.contentType],
          ["content-length-range", 1, input.size],
        ],
        Fields: { "Content-Type": input.contentType },
        Expires: 300,
      });
      const fields = Object.entries(post.fields).map(([name, value]) => ({ name, value }));
      return { key, url: post.url, fields, expiresAt: new Date(Date.now() + 300_000).toISOString() };
    },
  },
};

async function main() {
  const server = new ApolloServer({ typeDefs, resolvers });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  process.stdout.write(`READY ${url}\n`);
  process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)));
}

void main();
