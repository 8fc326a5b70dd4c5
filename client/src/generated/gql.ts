/* eslint-disable */
import * as types from './graphql.js';



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
    "query ValetUploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n  }\n}\n\nmutation ValetRequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    url\n    fields {\n      name\n      value\n    }\n    contentType\n    size\n    expiresAt\n  }\n}\n\nmutation ValetCompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    id\n    key\n    filename\n    profile\n    size\n    contentType\n    state\n    rejectReason\n    createdAt\n    completedAt\n  }\n}\n\nmutation ValetDiscardUpload($key: String!) {\n  deleteObject(key: $key)\n}\n\nmutation ValetRequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nquery ValetMyObjects($first: Int, $after: String) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      id\n      key\n      filename\n      profile\n      size\n      contentType\n      state\n      rejectReason\n      createdAt\n      completedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.ValetUploadProfilesDocument,
};
const documents: Documents = {
    "query ValetUploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n  }\n}\n\nmutation ValetRequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    url\n    fields {\n      name\n      value\n    }\n    contentType\n    size\n    expiresAt\n  }\n}\n\nmutation ValetCompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    id\n    key\n    filename\n    profile\n    size\n    contentType\n    state\n    rejectReason\n    createdAt\n    completedAt\n  }\n}\n\nmutation ValetDiscardUpload($key: String!) {\n  deleteObject(key: $key)\n}\n\nmutation ValetRequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nquery ValetMyObjects($first: Int, $after: String) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      id\n      key\n      filename\n      profile\n      size\n      contentType\n      state\n      rejectReason\n      createdAt\n      completedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.ValetUploadProfilesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ValetUploadProfiles {\n  uploadProfiles {\n    name\n    description\n    contentTypes\n    maxBytes\n    defaultExpiresIn\n    maxExpiresIn\n  }\n}\n\nmutation ValetRequestUpload($input: RequestUploadInput!) {\n  requestUpload(input: $input) {\n    id\n    key\n    url\n    fields {\n      name\n      value\n    }\n    contentType\n    size\n    expiresAt\n  }\n}\n\nmutation ValetCompleteUpload($grantId: ID!) {\n  completeUpload(grantId: $grantId) {\n    id\n    key\n    filename\n    profile\n    size\n    contentType\n    state\n    rejectReason\n    createdAt\n    completedAt\n  }\n}\n\nmutation ValetDiscardUpload($key: String!) {\n  deleteObject(key: $key)\n}\n\nmutation ValetRequestDownload($input: RequestDownloadInput!) {\n  requestDownload(input: $input) {\n    id\n    key\n    url\n    issuedAt\n    expiresAt\n    expiresIn\n  }\n}\n\nquery ValetMyObjects($first: Int, $after: String) {\n  myObjects(first: $first, after: $after) {\n    nodes {\n      id\n      key\n      filename\n      profile\n      size\n      contentType\n      state\n      rejectReason\n      createdAt\n      completedAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): typeof import('./graphql.js').ValetUploadProfilesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
