import { GraphQLSafeInt } from "graphql-scalars";
import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { GrantKind } from "../domain/model";
import { Connection } from "../paging/connection.type";

registerEnumType(GrantKind, { name: "GrantKind", description: "What a grant lets its holder do with one object key." });

@ObjectType({
  description:
    "A grant as recorded in the registry. Revoking a download grant is recorded, but its presigned URL stays valid at S3 until expiresAt.",
})
export class Grant {
  @Field(() => ID)
  id!: string;

  @Field(() => GrantKind)
  kind!: GrantKind;

  @Field(() => ID, { description: "The viewer the grant was issued to." })
  viewerId!: string;

  @Field()
  key!: string;

  @Field(() => String, { nullable: true })
  profile!: string | null;

  @Field(() => String, { nullable: true })
  contentType!: string | null;

  @Field(() => GraphQLSafeInt, { nullable: true })
  maxBytes!: number | null;

  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The x-request-id of the request that issued it." })
  requestId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What a download came through besides the viewer's own right: `share:<id>` or `link:<id>`; null otherwise.",
  })
  via!: string | null;
}

@ObjectType()
export class GrantConnection extends Connection(Grant) {}

@InputType({ description: "All given fields must match." })
export class GrantFilter {
  @Field(() => ID, { nullable: true })
  viewerId?: string | null;

  @Field(() => GrantKind, { nullable: true })
  kind?: GrantKind | null;

  @Field(() => String, { nullable: true })
  key?: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "Only grants valid (issued, unexpired, unrevoked) at this instant.",
  })
  activeAt?: Date | null;
}
