import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import type { Context } from "../context/context";
import { DeliveryState } from "../domain/events";
import { PageArgsInput, toConnection } from "../paging/page-info.type";
import { listDeliveries, redeliverWebhook, toWebhookDelivery } from "./webhook-admin.service";
import { WebhookDelivery, WebhookDeliveryConnection } from "./webhook-delivery.type";

@Authorized(ADMIN_ROLE)
@Resolver()
export class WebhookAdminResolver {
  @Query(() => WebhookDeliveryConnection, { description: "Admin only: webhook deliveries newest first, of one state or all." })
  async webhookDeliveries(
    @Arg("state", () => DeliveryState, { nullable: true }) state: DeliveryState | null,
    @Args() { first, after }: PageArgsInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryConnection> {
    const page = await listDeliveries(ctx.services, { state: state ?? undefined, first: first ?? undefined, after });
    return toConnection(page, toWebhookDelivery);
  }

  @Mutation(() => WebhookDelivery, {
    description:
      "Admin only: sends a delivery again (any state) with a fresh retry window; the receiver sees the same webhook-id.",
  })
  async redeliverWebhook(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    return toWebhookDelivery(await redeliverWebhook(ctx.services, id));
  }
}
