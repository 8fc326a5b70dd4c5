import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DeliveryState } from "../domain/events";
import { Connection } from "../paging/connection.type";

registerEnumType(DeliveryState, {
  name: "WebhookDeliveryState",
  description:
    "PENDING: being tried (again, with backoff). DELIVERED: the endpoint answered 2xx. FAILED: no 2xx within WEBHOOK_RETRY_HOURS; redeliverWebhook tries again.",
});

@ObjectType({ description: "One event on its way to one webhook endpoint (admin only)." })
export class WebhookDelivery {
  @Field(() => ID, { description: "The delivery's id, for redeliverWebhook." })
  id!: string;

  @Field(() => ID, { description: "The event's id: the webhook-id header, the same on every attempt and redelivery." })
  eventId!: string;

  @Field({ description: "The event's type, as its body says: object.available, object.rejected, …" })
  eventType!: string;

  @Field({ description: "The key of the object the event is about." })
  key!: string;

  @Field({ description: "The endpoint's id (its URL unless the webhooks file names it)." })
  endpoint!: string;

  @Field(() => DeliveryState)
  state!: DeliveryState;

  @Field(() => Int, { description: "Attempts started so far." })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last answer; null when there was none." })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed (never the receiver's body)." })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "PENDING: when it is tried next." })
  nextAttemptAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}
