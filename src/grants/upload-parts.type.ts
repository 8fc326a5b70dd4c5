import { GraphQLSafeInt } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { HttpHeader } from "./upload-grant.type";

@ObjectType({
  description:
    "A presigned PUT for one part of a multipart upload. S3 refuses a body of any other size (Content-Length is signed), and other bytes when an MD5 was signed.",
})
export class UploadPart {
  @Field(() => Int)
  partNumber!: number;

  @Field(() => GraphQLSafeInt, { description: "The exact size this part must have, in bytes." })
  size!: number;

  @Field({ description: "PUT the part's bytes here, with `headers`." })
  url!: string;

  @Field(() => GraphQLISODateTime, { description: "After this instant S3 refuses the URL; signUploadParts gives fresh ones." })
  expiresAt!: Date;

  @Field(() => [HttpHeader], {
    description: "Headers the PUT must carry, exactly: Content-Length, and Content-MD5 when an MD5 was given.",
  })
  headers!: HttpHeader[];
}

@ObjectType({ description: "A part S3 already holds for a multipart upload." })
export class UploadedPart {
  @Field(() => Int)
  partNumber!: number;

  @Field(() => GraphQLSafeInt)
  size!: number;

  @Field({ description: "S3's ETag of the part, quoted as S3 returns it." })
  etag!: string;
}
