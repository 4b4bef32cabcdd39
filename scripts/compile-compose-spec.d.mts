/** Compiles schema/compose-spec/*.json into src/project/generated/compose-spec.js unless it is newer. */
export declare function compileComposeSpec(options?: { force?: boolean }): string;
