// One policy file: read, refused when others can write it, parsed, and checked against the
// schema (schema/policy.schema.json) with `file:line:col` for every mistake.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { parseYamlDocument } from '../project/yaml-document.js';
import { GuardError } from '../errors.js';

export type Rule = 'block' | 'confirm' | 'allow';
export const RULES: readonly Rule[] = ['block', 'confirm', 'allow'];

/** Where a policy file sits: its place decides what it may do. */
export type PolicySource = 'host' | 'user' | 'env' | 'project';

export type AuditSink = 'journald' | 'syslog';
export const AUDIT_SINKS: readonly AuditSink[] = ['journald', 'syslog'];

export interface PolicyFile {
  path: string;
  source: PolicySource;
  /** Tags are kept trimmed and in lower case. */
  environment?: string;
  hosts: Record<string, string>;
  targets: Record<string, string>;
  rules: Partial<Record<string, Rule>>;
  protect: string[];
  /** The JSON-lines audit file. */
  audit?: string;
  /** Where else the audit goes. */
  auditSinks: AuditSink[];
  /** Where each value sits, `file:line:col`, by key: `environment`, `hosts.GLOB`, `rules.TAG`, `protect.N`, `audit`. */
  at: Record<string, string>;
  snapshots?: SnapshotSettings;
  /** The project's data checks, run by `compose-guard status`. */
  checks: DataCheck[];
}

/** A command run in a service's container; it passes with status 0 (and a number above `above`). */
export interface DataCheck {
  service: string;
  command: string | string[];
  above?: number;
}

/** Tags compare case-insensitively and trimmed. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** `snapshots:` in a policy file: which permitted destroys are snapshotted first, and where to. */
export interface SnapshotSettings {
  before?: string[];
  dir?: string;
  keep?: number;
  repository?: string;
  passwordFile?: string;
  /** NAME=value lines restic runs with (a back-end's credentials, e.g. AWS_ACCESS_KEY_ID). */
  environmentFile?: string;
  resticOptions?: string[];
}

export const POLICY_KEYS = ['$schema', 'environment', 'hosts', 'targets', 'rules', 'protect', 'audit', 'snapshots', 'checks'] as const;
export const SNAPSHOT_KEYS = ['before', 'dir', 'keep', 'repository', 'password-file', 'environment-file', 'restic-options'] as const;

export interface FileStat {
  mode: number;
}

export function refuseWritableByOthers(path: string, stat: FileStat): void {
  if ((stat.mode & 0o022) !== 0) {
    throw new GuardError('POLICY', `${path}: refused: writable by group or others (mode ${(stat.mode & 0o777).toString(8)}); run chmod go-w ${path}`);
  }
}

export function parsePolicyFile(text: string, path: string, source: PolicySource): PolicyFile {
  const { doc, at: atOffset } = parseYamlDocument(text, path, 'POLICY');
  const at = (node: Node | null | undefined): string => atOffset(node?.range?.[0]);
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new GuardError('POLICY', `${at(node)}: ${message}`);
  };
  const policy: PolicyFile = { path, source, hosts: {}, targets: {}, rules: {}, protect: [], auditSinks: [], at: {}, checks: [] };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return policy;
  if (!isMap(root)) return fail(root, 'a policy is a mapping of keys such as environment, rules, protect');

  const text_ = (node: unknown, what: string): string => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return fail(node as Node, `${what} must be a non-empty string`);
    return node.value;
  };
  const mapping = (node: unknown, what: string, value: (v: unknown, key: string) => void): void => {
    if (!isMap(node)) return fail(node as Node, `${what} must be a mapping`);
    for (const pair of (node as YAMLMap).items) {
      const key = text_(pair.key, `a key of ${what}`);
      policy.at[`${what}.${key}`] = at(pair.value as Node);
      value(pair.value, key);
    }
  };
  const tag = (node: unknown, what: string): string => {
    const value = normalizeTag(text_(node, what));
    if (value === '') fail(node as Node, `${what} must be a non-empty tag`);
    return value;
  };
  const auditEntry = (node: unknown): void => {
    const value = text_(node, 'audit');
    const sink = AUDIT_SINKS.find((s) => s === value.trim().toLowerCase());
    if (sink) {
      if (!policy.auditSinks.includes(sink)) policy.auditSinks.push(sink);
      policy.at[`audit.${sink}`] = at(node as Node);
    } else if (!value.startsWith('/')) {
      fail(node as Node, `audit takes an absolute file path, journald or syslog (not "${value}")`);
    } else if (policy.audit !== undefined) {
      fail(node as Node, 'audit names one file at most');
    } else {
      policy.audit = value;
      policy.at.audit = at(node as Node);
    }
  };

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case '$schema':
        text_(value, '$schema');
        break;
      case 'environment':
        policy.environment = tag(value, 'environment');
        policy.at.environment = at(value as Node);
        break;
      case 'hosts':
        mapping(value, 'hosts', (v, glob) => { policy.hosts[glob] = tag(v, `hosts."${glob}"`); });
        break;
      case 'targets':
        mapping(value, 'targets', (v, glob) => { policy.targets[glob] = tag(v, `targets."${glob}"`); });
        break;
      case 'rules':
        mapping(value, 'rules', (v, key) => {
          const name = normalizeTag(key);
          const rule = text_(v, `rules.${key}`);
          if (!RULES.includes(rule as Rule)) fail(v as Node, `rules.${key} must be one of ${RULES.join(', ')} (not "${rule}")`);
          if (policy.rules[name] !== undefined) fail(v as Node, `rules.${key}: the tag ${name} already has a rule in this file (tags ignore case and spaces)`);
          policy.rules[name] = rule as Rule;
          if (key !== name) delete policy.at[`rules.${key}`];
          policy.at[`rules.${name}`] = at(v as Node);
        });
        break;
      case 'protect':
        if (!isSeq(value)) fail(value as Node, 'protect must be a list of volume-name globs');
        (value as { items: unknown[] }).items.forEach((item, i) => {
          policy.protect.push(text_(item, 'a protect entry'));
          policy.at[`protect.${i}`] = at(item as Node);
        });
        break;
      case 'audit':
        if (isSeq(value)) (value as { items: unknown[] }).items.forEach(auditEntry);
        else auditEntry(value);
        break;
      case 'snapshots':
        policy.snapshots = snapshotSettings(value, { text: text_, fail });
        break;
      case 'checks':
        policy.checks = dataChecks(value, { text: text_, fail });
        break;
      default:
        fail(pair.key as Node, `unknown key "${key}" (known: ${POLICY_KEYS.filter((k) => k !== '$schema').join(', ')})`);
    }
  }
  return policy;
}

interface Readers {
  text: (node: unknown, what: string) => string;
  fail: (node: Node | null | undefined, message: string) => never;
}

function snapshotSettings(node: unknown, { text, fail }: Readers): SnapshotSettings {
  if (!isMap(node)) return fail(node as Node, 'snapshots must be a mapping of before, dir, keep, repository, password-file');
  const settings: SnapshotSettings = {};
  const list = (value: unknown, what: string): string[] => {
    if (!isSeq(value)) return fail(value as Node, `${what} must be a list`);
    return (value as { items: unknown[] }).items.map((item) => text(item, `an entry of ${what}`));
  };
  for (const pair of (node as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    if (key === 'before') settings.before = list(value, 'snapshots.before').map(normalizeTag);
    else if (key === 'dir') settings.dir = text(value, 'snapshots.dir');
    else if (key === 'repository') settings.repository = text(value, 'snapshots.repository');
    else if (key === 'password-file') settings.passwordFile = text(value, 'snapshots.password-file');
    else if (key === 'environment-file') settings.environmentFile = text(value, 'snapshots.environment-file');
    else if (key === 'restic-options') settings.resticOptions = list(value, 'snapshots.restic-options');
    else if (key === 'keep') {
      const keep = isScalar(value) ? value.value : undefined;
      if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < 1) fail(value as Node, 'snapshots.keep must be a whole number of at least 1');
      settings.keep = keep as number;
    } else fail(pair.key as Node, `unknown key "snapshots.${key}" (known: ${SNAPSHOT_KEYS.join(', ')})`);
  }
  return settings;
}

function dataChecks(node: unknown, { text, fail }: Readers): DataCheck[] {
  if (!isSeq(node)) return fail(node as Node, 'checks must be a list of {service, command, above}');
  return (node as { items: unknown[] }).items.map((item) => {
    if (!isMap(item)) return fail(item as Node, 'a check is a mapping of service, command and optionally above');
    const check: Partial<DataCheck> = {};
    for (const pair of (item as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (key === 'service') check.service = text(value, 'checks[].service');
      else if (key === 'command') {
        check.command = isSeq(value) ? (value as { items: unknown[] }).items.map((a) => text(a, 'an argument of checks[].command')) : text(value, 'checks[].command');
      } else if (key === 'above') {
        const above = isScalar(value) ? value.value : undefined;
        if (typeof above !== 'number') fail(value as Node, 'checks[].above must be a number');
        check.above = above as number;
      } else fail(pair.key as Node, `unknown key "checks[].${key}" (known: service, command, above)`);
    }
    if (!check.service || !check.command) return fail(item as Node, 'a check needs a service and a command');
    return check as DataCheck;
  });
}
