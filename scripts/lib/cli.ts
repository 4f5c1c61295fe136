/** Declared with this type where used, so TypeScript knows a call does not return. */
export type Fail = (message: string, code?: number) => never;

/** One line on stderr, named after the command, then exit with `code`. */
export function failWith(command: string): Fail {
  return (message, code = 1) => {
    process.stderr.write(`${command}: ${message.replace(/\s+/g, ' ').trim()}\n`);
    process.exit(code);
  };
}

/** Why a file could not be read, in a reader's words. */
export function readFailure(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  return err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
}
