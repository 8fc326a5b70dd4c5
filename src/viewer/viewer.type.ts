import { Field, ID, ObjectType } from "type-graphql";

// Named Viewer in the schema; the class keeps its suffix so it does not clash with auth's Viewer.
@ObjectType("Viewer", { description: "A principal: the bearer of a token, or the owner of an object." })
export class ViewerType {
  @Field(() => ID, { description: "The token's subject (sub claim)." })
  id!: string;

  @Field(() => [String], { description: "Roles from the token; known only for the bearer itself (empty elsewhere)." })
  roles!: string[];
}
