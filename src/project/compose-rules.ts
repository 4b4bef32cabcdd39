// How each Compose v2 version resolves what `down -v` (and `up --yes`) deletes, as rules the
// resolver follows. Checked against the real 2.26.1 and 2.40.3; the thresholds in between come from
// the upstream changes that introduced each behaviour. A version newer than the newest modelled is
// read by the newest rules; an unknown version by every modelled rule set, and the resolver takes
// the union of what they delete (the wider set).

/** The compose-spec schemas compiled into the judge, named by the Compose version that ships each. */
export type SchemaName = '2.26.1' | '2.40.3';

export interface ComposeRules {
  /** The version these rules model (a representative one when the version is unknown). */
  version: string;
  /** 2.27.1+: the current directory's `.env` is read before the compose file is found, and wins. */
  cwdDotenvFirst: boolean;
  /** 2.29.0+: `down -v SERVICE` deletes only the volumes of those services and their dependencies. */
  narrowServices: boolean;
  /** 2.30.0+: `down` naming only services without containers returns early, deleting nothing. */
  earlyReturnWithoutContainers: boolean;
  /** 2.35.0+: volumes that do not exist are skipped instead of listed. */
  skipMissingVolumes: boolean;
  /** 2.30.0+: `up --yes` / `create --yes` exists (it re-creates volumes whose configuration changed); before, Compose refuses the flag. */
  upYes: boolean;
  /** The schema every file is validated against. */
  schema: SchemaName;
}

export const OLDEST_MODELLED = '2.26.1';
export const NEWEST_MODELLED = '2.40.3';

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const atLeast = (version: string, threshold: string): boolean => compareVersions(version, threshold) >= 0;

/** The rules of one known Compose v2 version. */
export function rulesFor(version: string): ComposeRules {
  const v = compareVersions(version, NEWEST_MODELLED) > 0 ? NEWEST_MODELLED : version;
  return {
    version: v,
    cwdDotenvFirst: atLeast(v, '2.27.1'),
    narrowServices: atLeast(v, '2.29.0'),
    earlyReturnWithoutContainers: atLeast(v, '2.30.0'),
    skipMissingVolumes: atLeast(v, '2.35.0'),
    upYes: atLeast(v, '2.30.0'),
    // `models:` and the other 2.38 additions: the newest schema from 2.38.0 on.
    schema: atLeast(v, '2.38.0') ? '2.40.3' : '2.26.1',
  };
}

/** One version at each boundary: together they cover every combination a real version can have. */
const REPRESENTATIVES = ['2.26.1', '2.27.1', '2.29.0', '2.30.0', '2.35.0', NEWEST_MODELLED];

/**
 * The rule sets to resolve with: one for a known version, every modelled one for an unknown one.
 * `null` means the version is unknown.
 */
export function ruleSets(version: string | null): ComposeRules[] {
  return version ? [rulesFor(version)] : REPRESENTATIVES.map(rulesFor);
}
