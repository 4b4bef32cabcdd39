// Asking the person at the terminal: reads and writes /dev/tty, never stdin/stdout (those
// belong to Docker). No terminal, EOF or anything but the exact answer means "no".
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export interface Prompter {
  /** Whether a person can be asked at all. */
  available(): boolean;
  /** Shows `question` and returns the typed line, or undefined on EOF or no terminal. */
  ask(question: string): string | undefined;
}

export const ttyPrompter: Prompter = {
  available() {
    try {
      closeSync(openSync('/dev/tty', 'r+'));
      return true;
    } catch {
      return false;
    }
  },
  ask(question) {
    let fd: number;
    try {
      fd = openSync('/dev/tty', 'r+');
    } catch {
      return undefined;
    }
    try {
      writeSync(fd, question);
      const buffer = Buffer.alloc(1024);
      let line = '';
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) return undefined;
        line += buffer.subarray(0, n).toString('utf8');
        const nl = line.indexOf('\n');
        if (nl >= 0) return line.slice(0, nl).replace(/\r$/, '');
      }
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  },
};
