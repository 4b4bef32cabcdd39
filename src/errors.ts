// Typed errors with stable codes. The resolver and the policy turn them into stated reasons
// (an uncertainty, a policy error); a protected host then stops the command.

export type GuardErrorCode = 'INTERPOLATION' | 'COMPOSE_FILE' | 'PROJECT' | 'POLICY';

export class GuardError extends Error {
  readonly code: GuardErrorCode;

  constructor(code: GuardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'GuardError';
  }
}
