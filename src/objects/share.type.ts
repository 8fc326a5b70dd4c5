import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "Reads of one object granted by its owner (or an admin) to one viewer or to every holder of one role, until expiresAt or revokedAt. A share never grants uploads or deletes.",
})
export class Share {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The shared object's key." })
  key!: string;

  @Field(() => ID, { name: "viewer", nullable: true, description: "The viewer (a token's sub) it names; null for a role share." })
  viewerId!: string | null;

  @Field(() => String, { nullable: true, description: "The role it names; null for a viewer share." })
  role!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "After this instant the share grants nothing." })
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was revoked; it granted nothing since." })
  revokedAt!: Date | null;
}

@InputType({ description: "Share one of your AVAILABLE objects with exactly one of a viewer or a role." })
export class ShareObjectInput {
  @Field()
  key!: string;

  @Field(() => ID, { nullable: true, description: "The viewer to share with: the `sub` of their token." })
  viewer?: string | null;

  @Field(() => String, { nullable: true, description: "Share with every viewer whose token has this role." })
  role?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Lifetime in seconds; clamped to the server's SHARE_MAX_EXPIRES_IN, which is also what none gets.",
  })
  expiresIn?: number | null;
}
