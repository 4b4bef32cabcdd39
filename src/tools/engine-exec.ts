// Running a command in a running container through the Engine API (exec create, start, inspect),
// for the project's data checks. The output is the engine's multiplexed stream, demultiplexed.
import type { StreamEngine } from './engine-stream.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Splits the engine's 8-byte-framed stdout/stderr stream. */
export function demultiplex(raw: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const kind = raw[at]!;
    const size = raw.readUInt32BE(at + 4);
    const body = raw.subarray(at + 8, at + 8 + size);
    (kind === 2 ? err : out).push(body);
    at += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

export async function execIn(engine: StreamEngine, container: string, cmd: string[], timeoutMs = 60_000): Promise<ExecResult> {
  const { Id } = await engine.json<{ Id: string }>('POST', `/containers/${container}/exec`, { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const started = await engine.post(`/exec/${Id}/start`, { Detach: false, Tty: false }, timeoutMs);
  const { ExitCode } = await engine.json<{ ExitCode: number | null }>('GET', `/exec/${Id}/json`);
  return { exitCode: ExitCode ?? -1, ...demultiplex(started) };
}
