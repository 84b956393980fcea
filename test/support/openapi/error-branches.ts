import type { ErrorObject } from 'ajv';

/**
 * ajv reports every failing branch of an anyOf/oneOf, so one wrong field in a /recents organization item reads as
 * a dozen errors about the other item types. Keeps, for each anyOf/oneOf, only the branch that came closest
 * (fewest errors); a branch whose tag field (an enum right under the branch, like /recents' `item`) does not match
 * is as far as can be, and a branch that only says "must be null" (the nullable alternative) never wins.
 * Reporting only: validity is ajv's verdict, untouched.
 */

type Branching = ErrorObject & { keyword: 'anyOf' | 'oneOf' };

const isNullAlternative = (errors: ErrorObject[]): boolean =>
  errors.length === 1 &&
  errors[0]!.keyword === 'type' &&
  (errors[0]!.params as { type?: unknown }).type === 'null';

/** An enum failing one level below the anyOf's instance: the branch is for another kind of item. */
function isTagMismatch(branching: ErrorObject, error: ErrorObject): boolean {
  if (error.keyword !== 'enum' && error.keyword !== 'const') return false;
  const relative = error.instancePath.slice(branching.instancePath.length).split('/').filter(Boolean);
  return relative.length === 1;
}

function branchesOf(branching: Branching, errors: ErrorObject[]): Map<string, ErrorObject[]> {
  const prefix = `${branching.schemaPath}/`;
  const branches = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (!error.schemaPath.startsWith(prefix) || !error.instancePath.startsWith(branching.instancePath))
      continue;
    const index = error.schemaPath.slice(prefix.length).split('/')[0]!;
    branches.set(index, [...(branches.get(index) ?? []), error]);
  }
  return branches;
}

export function closestBranchErrors(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const branches = [...branchesOf(error as Branching, errors).values()];
    const real = branches.filter((branch) => !isNullAlternative(branch));
    if (real.length === 0) continue;
    const distance = (branch: ErrorObject[]): number =>
      branch.reduce((sum, e) => sum + (isTagMismatch(error, e) ? 1000 : 1), 0);
    const best = real.reduce((a, b) => (distance(b) < distance(a) ? b : a));
    dropped.add(error);
    for (const branch of branches) if (branch !== best) for (const e of branch) dropped.add(e);
  }
  const kept = errors.filter((error) => !dropped.has(error));
  return kept.length > 0 ? kept : errors;
}
