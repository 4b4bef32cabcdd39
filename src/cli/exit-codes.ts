// Exit statuses compose-guard itself chooses; everything else is the real program's own.
export const EXIT_GO = 0;
export const EXIT_USAGE = 2;
export const EXIT_STOPPED = 77;
// 127 (no real program) is the shim's own, in shims/shim.sh.in.
