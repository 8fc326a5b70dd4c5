/**
 * The "seed-style" baseline: a minimal Apollo Server (its standalone server, as a first version of
 * such a service usually starts) whose resolvers call the AWS SDK's getSignedUrl / createPresignedPost
 * directly — no auth, no registry, no validation. Plain JavaScript run by plain node (no TypeScript
 * register at run time), started with NODE_ENV=production by servers/child.ts.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

// The same values as settings.ts (which is TypeScript, so not importable from here).
const S3 = {
  endpoint: "http://127.0.0.1:7480",
  region: "us-east-1",
  bucket: "valet-bench",
  credentials: { accessKeyId: "valet-bench-access-key", secretAccessKey: "valet-bench-secret-key" },
};

const s3 = new S3Client({
  region: S3.region,
  endpoint: S3.endpoint,
  forcePathStyle: true,
  credentials: S3.credentials,
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
    async requestDownload(_, { input }) {
      const expiresIn = input.expiresIn ?? 300;
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: S3.bucket, Key: input.key }), { expiresIn });
      return { key: input.key, url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
    },
    async requestUpload(_, { input }) {
      const key = `uploads/${crypto.randomUUID()}`;
      const post = await createPresignedPost(s3, {
        Bucket: S3.bucket,
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

const server = new ApolloServer({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
process.stdout.write(`READY ${url}\n`);
process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)));
