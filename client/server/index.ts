// @valet/client/server: for app backends (Node), no framework, no dependencies.
export {
  verifyWebhook,
  WebhookVerificationError,
  type VerifyOptions,
  type WebhookErrorCode,
  type WebhookHeaders,
} from "./verify-webhook.js";
export type {
  ValetEventType,
  ValetObjectData,
  ValetObjectEventType,
  ValetShareData,
  ValetShareEventType,
  ValetWebhookEvent,
} from "./types.js";
