/** Type helpers the generated client uses for bodies the type layer cannot express. */

/** A raw binary request body. */
export type BinaryBody = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string;

/**
 * A multipart body type where the binary properties (`format: binary`, which openapi-typescript types
 * as `string`) take files instead: `Single` names single files, `Multiple` arrays of files.
 */
export type WithFiles<T, Single extends PropertyKey, Multiple extends PropertyKey = never> = {
  [P in keyof T]: P extends Single ? Blob : P extends Multiple ? Blob[] : T[P];
};
