import { Field, ObjectType, type ClassType } from "type-graphql";
import { PageInfo } from "./page-info.type";

/** A forward-paginated list of `Node`s (type-graphql generic type); subclass it per node type. */
export function Connection<TNode extends object>(Node: ClassType<TNode>) {
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [Node])
    nodes!: TNode[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
