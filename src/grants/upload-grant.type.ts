import { GraphQLSafeInt } from "graphql-scalars";
import { Authorized, Field, GraphQLISODateTime, ID, Int, ObjectType } from "type-graphql";
import { ADMIN_ROLE } from "../auth/viewer";
import { UploadMethod } from "../domain/model";

@ObjectType({ description: "A form field of a presigned POST. Send the fields in the given order, then the file last." })
export class FormField {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({ description: "A header a PUT or part upload must carry, exactly as given; S3 refuses the request otherwise." })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({
  description:
    "Permission to upload one file to one server-chosen key, until expiresAt: by POST (url + fields), PUT (url + headers) or MULTIPART (parts, each with its URL and headers).",
})
export class UploadGrant {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The object key the upload will be stored under (chosen by the server)." })
  key!: string;

  @Field(() => UploadMethod, { description: "How to send the bytes; the fields below that apply depend on it." })
  method!: UploadMethod;

  @Field(() => String, {
    nullable: true,
    description:
      "POST: send the multipart/form-data body here. PUT: send the file here with `headers`. MULTIPART: null (see parts).",
  })
  url!: string | null;

  @Field(() => [FormField], {
    description: "POST only (empty otherwise): form fields to send before the file field, in this order.",
  })
  fields!: FormField[];

  @Field(() => [HttpHeader], {
    description:
      "PUT only (empty otherwise): headers the PUT must carry, exactly: Content-Type, Content-Length (HTTP clients set it from the body), If-None-Match: * (create-only) and Content-MD5 when md5 was given.",
  })
  headers!: HttpHeader[];

  @Field({ description: "The Content-Type the upload must carry (pinned by the policy)." })
  contentType!: string;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "MULTIPART only: the size of every part but the last, chosen by the server (the last part holds the rest).",
  })
  partSize!: number | null;

  @Field(() => Int, { nullable: true, description: "MULTIPART only: how many parts, numbered 1..partCount." })
  partCount!: number | null;

  @Field(() => GraphQLSafeInt, {
    description:
      "The file's size in bytes as declared in requestUpload: a POST body may be 1..size bytes; a PUT or multipart upload must be exactly size bytes.",
  })
  size!: number;

  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;

  @Field(() => GraphQLISODateTime, { description: "After this instant S3 refuses the upload." })
  expiresAt!: Date;

  @Field(() => Int, { description: "Seconds from issuedAt to expiresAt." })
  expiresIn!: number;

  @Authorized(ADMIN_ROLE)
  @Field(() => ID, { name: "issuedTo", nullable: true, description: "Admin only: the viewer the grant was issued to." })
  viewerId!: string;
}
