/** A form field of a presigned POST, in the order the client must send them (file last). */
export interface FormField {
  name: string;
  value: string;
}

export interface PresignedPost {
  url: string;
  fields: FormField[];
}

/** Signs S3 requests locally; no network. Implemented by the fast signer in ./signer/. */
export interface Presigner {
  presignGet(o: {
    key: string;
    expiresIn: number;
    now: Date;
    responseContentDisposition?: string;
    responseContentType?: string;
  }): string;
  presignPost(o: {
    key: string;
    expiresIn: number;
    now: Date;
    contentType: string;
    contentLengthRange: [number, number];
  }): PresignedPost;
}
