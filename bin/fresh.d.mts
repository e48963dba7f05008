/** Whether the compiled CLI under `root` is present and newer than all its inputs (see fresh.mjs). */
export function compiledIsFresh(root: string, dist?: string): boolean;
export const DIST: string;
export const MANIFEST: string;
