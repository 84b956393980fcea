/** DESTINATIONS=sqlite,postgres selects engines (default: all), so CI runs whichever servers it has. */
export function engineSelected(engine: 'sqlite' | 'postgres' | 'mysql'): boolean {
  const list = process.env.DESTINATIONS?.trim();
  if (!list) return true;
  return list
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .some((e) => e === engine || (engine === 'mysql' && e === 'mariadb'));
}

export function randomName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
