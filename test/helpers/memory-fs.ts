// An in-memory PolicyFs for unit tests: files as text, each readable with mode 0644.
import type { PolicyFs } from '../../src/policy/policy.js';

export function memoryFs(files: Record<string, string>): PolicyFs {
  return {
    read: (file) => files[file],
    isFile: (file) => file in files,
    mode: (file) => (file in files ? 0o100644 : undefined),
  };
}
