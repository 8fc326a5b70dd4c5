import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from "type-graphql";
import { Disposition } from "../domain/model";

@ObjectType({
  description:
    "A link that lets whoever holds it download one object, on its owner's terms (until expiresAt, at most maxDownloads times), until revoked: each use is checked, counted and recorded, so a revocation holds at the next use.",
})
export class ShareLink {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "PUBLIC_URL/s/<token>. Only createShareLink returns it: Valet keeps the token's SHA-256, not the token, so it cannot be shown again.",
  })
  url!: string | null;

  @Field(() => Int, { description: "Uses so far, each answered with a fresh presigned URL." })
  downloads!: number;

  @Field(() => Int, { nullable: true, description: "Uses allowed in all; null: no limit." })
  maxDownloads!: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

@InputType({ description: "A link to one of your AVAILABLE objects (or, for an admin, anyone's)." })
export class CreateShareLinkInput {
  @Field()
  key!: string;

  @Field(() => Int, {
    nullable: true,
    description: "Lifetime in seconds; clamped to the server's SHARE_MAX_EXPIRES_IN, which is also what none gets.",
  })
  expiresIn?: number | null;

  @Field(() => Int, { nullable: true, description: "How many downloads the link serves; none: no limit." })
  maxDownloads?: number | null;

  @Field(() => Disposition, {
    nullable: true,
    description: "How the browser treats each download, as for requestDownload; defaults to ATTACHMENT.",
  })
  disposition?: Disposition | null;
}
