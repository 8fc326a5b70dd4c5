import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import type { JsonObject } from "../domain/json";
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from "type-graphql";
import { ObjectState } from "../domain/model";
import { Connection } from "../paging/connection.type";

registerEnumType(ObjectState, {
  name: "ObjectState",
  description:
    "PENDING until completeUpload verifies it; then AVAILABLE or REJECTED. EXPIRED: never completed. ABORTED: given up by abortUpload.",
});

@ObjectType({ description: "An object in the registry. downloadUrl and owner are resolved per field." })
export class StoredObject {
  @Field(() => ID, { description: "Stable and opaque (not the key): the same for the object's whole life; a cache key." })
  id!: string;

  @Field()
  key!: string;

  @Field(() => GraphQLSafeInt, { description: "Stored size once verified; the declared size before." })
  size!: number;

  @Field({ description: "Stored type once verified; the declared type before." })
  contentType!: string;

  @Field({ description: "The name the uploader gave; used for downloads." })
  filename!: string;

  @Field()
  profile!: string;

  @Field(() => ObjectState)
  state!: ObjectState;

  @Field(() => String, { nullable: true, description: "Why the upload was rejected, when it was." })
  rejectReason!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The metadata the upload was requested with; null when none." })
  metadata!: JsonObject | null;
}

@ObjectType()
export class StoredObjectConnection extends Connection(StoredObject) {}
