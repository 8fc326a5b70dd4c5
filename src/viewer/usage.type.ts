import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Your limits; null means unlimited. The highest limit among your roles applies." })
export class UsageLimits {
  @Field(() => Int, { nullable: true, description: "Upload grants not yet completed and not yet expired, at most." })
  outstandingUploads!: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: "Bytes declared for those uploads, at most." })
  pendingBytes!: number | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "Bytes stored (AVAILABLE) plus bytes pending, at most: a pending upload may still be stored.",
  })
  storedBytes!: number | null;

  @Field(() => Int, { nullable: true, description: "Upload grants per minute (RATE_LIMITED beyond)." })
  uploadsPerMinute!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Download grants per minute, one per key or downloadUrl (RATE_LIMITED beyond).",
  })
  downloadsPerMinute!: number | null;
}

@ObjectType({ description: "What you hold and have promised against your quotas (QUOTA_EXCEEDED beyond)." })
export class Usage {
  @Field(() => Int, { description: "Your upload grants not yet completed and not yet expired." })
  outstandingUploads!: number;

  @Field(() => GraphQLSafeInt, { description: "Bytes declared for those uploads." })
  pendingBytes!: number;

  @Field(() => GraphQLSafeInt, { description: "Verified bytes of your AVAILABLE objects." })
  storedBytes!: number;

  @Field(() => UsageLimits)
  limits!: UsageLimits;
}
