import { Authorized, Field, GraphQLISODateTime, ID, Int, ObjectType } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";

@ObjectType({
  description:
    "Permission to GET one object until expiresAt. A presigned URL stays valid at S3 until it expires, even if the grant is revoked: keep TTLs short.",
})
export class DownloadGrant {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field({ description: "GET this URL; no other headers are needed." })
  url!: string;

  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "After this instant S3 refuses the URL." })
  expiresAt!: Date;

  @Field(() => Int, { description: "Seconds from issuedAt to expiresAt." })
  expiresIn!: number;

  @Authorized(ADMIN_ROLE)
  @Field(() => ID, { name: "issuedTo", nullable: true, description: "Admin only: the viewer the grant was issued to." })
  viewerId!: string;
}
