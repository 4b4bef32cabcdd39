// What the library takes from the host: the process environment as a value, and the file reads
// the resolver and the policy need, behind an interface so tests can count or fake them.
import { readFileSync, statSync } from 'node:fs';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProjectFs {
  /** The file's text, or undefined when it cannot be read. */
  read(file: string): string | undefined;
  isFile(file: string): boolean;
}

export const realFs: ProjectFs = {
  read(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  isFile(file) {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
};
