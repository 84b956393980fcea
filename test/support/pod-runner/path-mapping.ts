/**
 * Containers see absolute paths (`/data/db.sqlite`, `/etc/pipedrive/token`) that do
 * not exist on this machine. The runner materialises each mount under the pod's
 * root directory and rewrites every occurrence of a mount path at a path
 * boundary in the container's command, args and env values. (pure)
 */
export interface PathMapping {
  /** Absolute path as the container sees it, e.g. `/data`. */
  containerPath: string;
  /** Directory or file on this machine standing in for it. */
  hostPath: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites mount paths in one string; longer mount paths win over their parents. */
export function mapPaths(value: string, mappings: readonly PathMapping[]): string {
  const ordered = [...mappings].sort((a, b) => b.containerPath.length - a.containerPath.length);
  if (ordered.length === 0) return value;
  const pattern = new RegExp(
    `(^|[^A-Za-z0-9_.-])(${ordered.map((m) => escape(m.containerPath.replace(/\/+$/, ''))).join('|')})(?=$|[^A-Za-z0-9_.-])`,
    'g',
  );
  return value.replace(pattern, (_match, before: string, path: string) => {
    const mapping = ordered.find((m) => m.containerPath.replace(/\/+$/, '') === path);
    return `${before}${mapping ? mapping.hostPath : path}`;
  });
}

/** Kubernetes `$(VAR)` expansion: known names are replaced, `$$(VAR)` escapes, unknown refs stay. */
export function expandVariables(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && name in env ? env[name]! : match;
  });
}
