/** A proto module: a folder of .proto files (or a buf module with buf.yaml), compiled by buf. */
export interface ProtoModule {
  kind: 'proto';
  /** Short name: `orders`. */
  name: string;
  /** Module root as the user named it (relative to cwd when inside it): import paths are relative to it. */
  root: string;
  /** Absolute module root. */
  rootAbs: string;
  /** .proto files, relative to the root, sorted. */
  files: string[];
  /** buf.yaml of the module, when it has one (absolute path). */
  bufYaml?: string;
  /**
   * The module compiled by `buf build` (a Buf image: FileDescriptorSet with source info), made once
   * on load and fed to every job (gen, lint, breaking) so that none compiles again.
   */
  image?: Uint8Array;
}
