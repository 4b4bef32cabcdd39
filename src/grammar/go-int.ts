// Go's strconv.ParseInt(s, 0, 64), the parser behind every pflag int flag (`down -t`, `--parallel`):
// an optional sign, a 0b/0o/0x prefix or a leading 0 for octal, and `_` between digits when the
// base comes from the prefix (go/src/strconv/atoi.go underscoreOK). `1_0`, `0x_1`, `0_7` are ints.

const MAX = 2n ** 63n;

/** The value as Go reads it, or undefined where Go reports a syntax or range error. */
export function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '' || !underscoreOk(s)) return undefined;
  let base = 10n;
  let digits = s;
  if (s[0] === '0') {
    const marker = (s[1] ?? '').toLowerCase();
    if (s.length >= 3 && marker === 'b') [base, digits] = [2n, s.slice(2)];
    else if (s.length >= 3 && marker === 'o') [base, digits] = [8n, s.slice(2)];
    else if (s.length >= 3 && marker === 'x') [base, digits] = [16n, s.slice(2)];
    else [base, digits] = [8n, s.slice(1)];
  }
  let value = 0n;
  for (const c of digits) {
    if (c === '_') continue;
    const d = digitValue(c);
    if (d === undefined || d >= base) return undefined;
    value = value * base + d;
  }
  if (negative ? value > MAX : value >= MAX) return undefined;
  return negative ? -value : value;
}

function digitValue(c: string): bigint | undefined {
  const lower = c.toLowerCase();
  if (lower >= '0' && lower <= '9') return BigInt(lower.charCodeAt(0) - 48);
  if (lower >= 'a' && lower <= 'z') return BigInt(lower.charCodeAt(0) - 87);
  return undefined;
}

/** Underscores only between digits, or between a base prefix and a digit. */
function underscoreOk(s: string): boolean {
  let saw = '^';
  let i = 0;
  let hex = false;
  const marker = (s[1] ?? '').toLowerCase();
  if (s.length >= 2 && s[0] === '0' && (marker === 'b' || marker === 'o' || marker === 'x')) {
    i = 2;
    saw = '0';
    hex = marker === 'x';
  }
  for (; i < s.length; i++) {
    const c = (s[i] as string).toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}
