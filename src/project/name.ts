// Project names: v2 requires an explicit name to be normalized already; a derived one is
// normalized silently (compose-go loader.go). v1 only lower-cases and drops other characters.

export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

export function validProjectName(name: string): boolean {
  return name !== '' && normalizeProjectName(name) === name;
}

export function v1ProjectName(name: string): string {
  return name.toLowerCase().replace(/[^-_a-z0-9]/g, '');
}
