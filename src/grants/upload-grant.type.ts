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

@ObjectType({ description: "Permission to POST one file to one server-chosen key, until expiresAt." })
export class UploadGrant {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The object key the upload will be stored under (chosen by the server)." })
  key!: string;

  @Field(() => UploadMethod, { description: "How to send the bytes; the fields below that apply depend on it." })
  method!: UploadMethod;

  @Field({ description: "POST a multipart/form-data body here." })
  url!: string;

  @Field(() => [FormField], { description: "Form fields to send before the file field, in this order." })
  fields!: FormField[];

  @Field({ description: "The Content-Type the upload must carry (pinned by the policy)." })
  contentType!: string;

  @Field(() => GraphQLSafeInt, { description: "Largest accepted body in bytes (the declared size)." })
  maxBytes!: number;

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
