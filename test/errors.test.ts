// Typed errors with stable codes; CannotSee is an uncertainty of its own kind.
import { describe, expect, it } from 'vitest';
import { CannotSee, GuardError, type GuardErrorCode } from '../src/errors.js';

describe('GuardError', () => {
  it.each<GuardErrorCode>(['INTERPOLATION', 'COMPOSE_FILE', 'PROJECT', 'POLICY', 'UNSEEN'])('keeps code %s, message and cause', (code) => {
    const cause = new Error('underneath');
    const error = new GuardError(code, 'what went wrong', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe('GuardError');
    expect(error.message).toBe('what went wrong');
    expect(error.cause).toBe(cause);
  });
});

describe('CannotSee', () => {
  it('is a GuardError with code UNSEEN and a name of its own', () => {
    const error = new CannotSee('/dev/stdin is a pipe');
    expect(error).toBeInstanceOf(GuardError);
    expect(error.code).toBe('UNSEEN');
    expect(error.name).toBe('CannotSee');
    expect(String(error)).toBe('CannotSee: /dev/stdin is a pipe');
  });

  it('is told apart from other guard errors', () => {
    const errors = [new GuardError('PROJECT', 'p'), new CannotSee('c')];
    expect(errors.map((e) => e instanceof CannotSee)).toEqual([false, true]);
  });
});
