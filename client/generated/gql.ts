/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ServerTime {\n  serverTime\n}\n\nquery Me {\n  me {\n    id\n    roles\n  }\n}\n\nquery UploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n    methods\n    multipartThreshold\n  }\n}\n\nmutation RequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    method\n    url\n    fields {\n      name\n      value\n    }\n    headers {\n      name\n      value\n    }\n    contentType\n    maxBytes\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation CompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    key\n    size\n    contentType\n    state\n    rejectReason\n    completedAt\n  }\n}\n\nmutation RequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation RequestDownloads($keys: [String!]!, $expiresIn: Int) {\n  requestDownloads(keys: $keys, expiresIn: $expiresIn) {\n    key\n    url\n    expiresAt\n  }\n}": typeof types.ServerTimeDocument,
    "query MyObjects($first: Int, $after: String, $expiresIn: Int) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      key\n      filename\n      size\n      contentType\n      state\n      createdAt\n      completedAt\n      downloadUrl(expiresIn: $expiresIn)\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Object($key: String!) {\n  object(key: $key) {\n    key\n    state\n    size\n    contentType\n    rejectReason\n    downloadUrl\n  }\n}\n\nmutation DeleteObject($key: String!) {\n  deleteObject(key: $key)\n}\n\nquery Grants($filter: GrantFilter, $first: Int, $after: String) {\n  grants(filter: $filter, first: $first, after: $after) {\n    nodes {\n      id\n      kind\n      viewerId\n      key\n      issuedAt\n      expiresAt\n      revokedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation RevokeGrant($id: ID!) {\n  revokeGrant(id: $id) {\n    id\n    kind\n    revokedAt\n  }\n}": typeof types.MyObjectsDocument,
};
const documents: Documents = {
    "query ServerTime {\n  serverTime\n}\n\nquery Me {\n  me {\n    id\n    roles\n  }\n}\n\nquery UploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n    methods\n    multipartThreshold\n  }\n}\n\nmutation RequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    method\n    url\n    fields {\n      name\n      value\n    }\n    headers {\n      name\n      value\n    }\n    contentType\n    maxBytes\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation CompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    key\n    size\n    contentType\n    state\n    rejectReason\n    completedAt\n  }\n}\n\nmutation RequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation RequestDownloads($keys: [String!]!, $expiresIn: Int) {\n  requestDownloads(keys: $keys, expiresIn: $expiresIn) {\n    key\n    url\n    expiresAt\n  }\n}": types.ServerTimeDocument,
    "query MyObjects($first: Int, $after: String, $expiresIn: Int) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      key\n      filename\n      size\n      contentType\n      state\n      createdAt\n      completedAt\n      downloadUrl(expiresIn: $expiresIn)\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Object($key: String!) {\n  object(key: $key) {\n    key\n    state\n    size\n    contentType\n    rejectReason\n    downloadUrl\n  }\n}\n\nmutation DeleteObject($key: String!) {\n  deleteObject(key: $key)\n}\n\nquery Grants($filter: GrantFilter, $first: Int, $after: String) {\n  grants(filter: $filter, first: $first, after: $after) {\n    nodes {\n      id\n      kind\n      viewerId\n      key\n      issuedAt\n      expiresAt\n      revokedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation RevokeGrant($id: ID!) {\n  revokeGrant(id: $id) {\n    id\n    kind\n    revokedAt\n  }\n}": types.MyObjectsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServerTime {\n  serverTime\n}\n\nquery Me {\n  me {\n    id\n    roles\n  }\n}\n\nquery UploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n    methods\n    multipartThreshold\n  }\n}\n\nmutation RequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    method\n    url\n    fields {\n      name\n      value\n    }\n    headers {\n      name\n      value\n    }\n    contentType\n    maxBytes\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation CompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    key\n    size\n    contentType\n    state\n    rejectReason\n    completedAt\n  }\n}\n\nmutation RequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation RequestDownloads($keys: [String!]!, $expiresIn: Int) {\n  requestDownloads(keys: $keys, expiresIn: $expiresIn) {\n    key\n    url\n    expiresAt\n  }\n}"): (typeof documents)["query ServerTime {\n  serverTime\n}\n\nquery Me {\n  me {\n    id\n    roles\n  }\n}\n\nquery UploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n    methods\n    multipartThreshold\n  }\n}\n\nmutation RequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    method\n    url\n    fields {\n      name\n      value\n    }\n    headers {\n      name\n      value\n    }\n    contentType\n    maxBytes\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation CompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    key\n    size\n    contentType\n    state\n    rejectReason\n    completedAt\n  }\n}\n\nmutation RequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nmutation RequestDownloads($keys: [String!]!, $expiresIn: Int) {\n  requestDownloads(keys: $keys, expiresIn: $expiresIn) {\n    key\n    url\n    expiresAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyObjects($first: Int, $after: String, $expiresIn: Int) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      key\n      filename\n      size\n      contentType\n      state\n      createdAt\n      completedAt\n      downloadUrl(expiresIn: $expiresIn)\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Object($key: String!) {\n  object(key: $key) {\n    key\n    state\n    size\n    contentType\n    rejectReason\n    downloadUrl\n  }\n}\n\nmutation DeleteObject($key: String!) {\n  deleteObject(key: $key)\n}\n\nquery Grants($filter: GrantFilter, $first: Int, $after: String) {\n  grants(filter: $filter, first: $first, after: $after) {\n    nodes {\n      id\n      kind\n      viewerId\n      key\n      issuedAt\n      expiresAt\n      revokedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation RevokeGrant($id: ID!) {\n  revokeGrant(id: $id) {\n    id\n    kind\n    revokedAt\n  }\n}"): (typeof documents)["query MyObjects($first: Int, $after: String, $expiresIn: Int) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      key\n      filename\n      size\n      contentType\n      state\n      createdAt\n      completedAt\n      downloadUrl(expiresIn: $expiresIn)\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Object($key: String!) {\n  object(key: $key) {\n    key\n    state\n    size\n    contentType\n    rejectReason\n    downloadUrl\n  }\n}\n\nmutation DeleteObject($key: String!) {\n  deleteObject(key: $key)\n}\n\nquery Grants($filter: GrantFilter, $first: Int, $after: String) {\n  grants(filter: $filter, first: $first, after: $after) {\n    nodes {\n      id\n      kind\n      viewerId\n      key\n      issuedAt\n      expiresAt\n      revokedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation RevokeGrant($id: ID!) {\n  revokeGrant(id: $id) {\n    id\n    kind\n    revokedAt\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;