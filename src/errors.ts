// Typed errors with stable codes. The resolver and the policy turn them into stated reasons
// (an uncertainty, a policy error); a protected host then stops the command.

export type GuardErrorCode = 'INTERPOLATION' | 'COMPOSE_FILE' | 'PROJECT' | 'POLICY' | 'UNSEEN';

export class GuardError extends Error {
  readonly code: GuardErrorCode;

  constructor(code: GuardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'GuardError';
  }
}

/**
 * What the real program would read but compose-guard will not or cannot: a pipe, a device, a
 * file beyond the size bound, YAML beyond what the reader expands. Compose may well accept it,
 * so it is an uncertainty, never a "the project does not load".
 */
export class CannotSee extends GuardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNSEEN', message, options);
    this.name = 'CannotSee';
  }
}
