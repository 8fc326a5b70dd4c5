import { PutBucketNotificationConfigurationCommand, type S3Client } from "@aws-sdk/client-s3";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Config } from "../config/config";

/** The id of the bucket notification Valet owns (PutBucketNotificationConfiguration replaces the bucket's whole set). */
const NOTIFICATION_ID = "valet-object-created";

/**
 * Has the RGW push every ObjectCreated event of the bucket to `pushUrl`: a persistent topic
 * (`valet-<bucket>`) made through the RGW's SNS-compatible API on its own endpoint — queued and
 * retried while the endpoint is down — and the bucket's notification for s3:ObjectCreated:*.
 * Creating the topic again replaces its push endpoint, so a restart with a new address or token
 * takes effect. Ceph-specific: AWS has no push-endpoint topic attribute (docs/events.md: S3 → SNS or SQS).
 */
export async function ensureEventPush(client: S3Client, s3: Config["s3"], pushUrl: string, deadlineMs: number): Promise<void> {
  if (!s3.endpoint) throw new Error("S3_EVENTS needs a Ceph RGW at S3_ENDPOINT: on AWS, route bucket events through SNS or SQS");
  const topicArn = await createTopic(client, s3.endpoint, s3.region, `valet-${s3.bucket}`, pushUrl, deadlineMs);
  await client.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: s3.bucket,
      NotificationConfiguration: {
        TopicConfigurations: [{ Id: NOTIFICATION_ID, TopicArn: topicArn, Events: ["s3:ObjectCreated:*"] }],
      },
    }),
    { abortSignal: AbortSignal.timeout(deadlineMs) },
  );
}

// SNS's CreateTopic, form-encoded and SigV4-signed for service "sns", POSTed to the RGW's root.
async function createTopic(
  client: S3Client,
  endpoint: string,
  region: string,
  name: string,
  pushUrl: string,
  deadlineMs: number,
) {
  const url = new URL(endpoint);
  const body = new URLSearchParams({
    Action: "CreateTopic",
    Name: name,
    "Attributes.entry.1.key": "push-endpoint",
    "Attributes.entry.1.value": pushUrl,
    "Attributes.entry.2.key": "persistent",
    "Attributes.entry.2.value": "true",
  }).toString();
  const signer = new SignatureV4({
    service: "sns",
    region,
    credentials: client.config.credentials,
    sha256: Hash.bind(null, "sha256"),
  });
  const request = await signer.sign(
    new HttpRequest({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: "/",
      headers: { host: url.host, "content-type": "application/x-www-form-urlencoded" },
      body,
    }),
  );
  const res = await fetch(`${url.origin}/`, {
    method: "POST",
    headers: request.headers,
    body,
    signal: AbortSignal.timeout(deadlineMs),
  });
  const text = await res.text();
  const arn = /<TopicArn>([^<]+)<\/TopicArn>/.exec(text)?.[1];
  // The answer is never quoted whole: the request it answers carries the push URL and its token.
  if (!res.ok || !arn)
    throw new Error(`the RGW refused CreateTopic: HTTP ${res.status} ${/<Code>([^<]*)</.exec(text)?.[1] ?? ""}`);
  return arn;
}
