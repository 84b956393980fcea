/**
 * Writes deploy/crds/*.yaml and docs/configuration.md from the zod schemas.
 * Run with `npm run crds`; a test fails when the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { configurationReference } from './configuration-reference.js';
import { customResourceDefinitions } from './crds.js';

const HEADER = '# Generated from src/api by `npm run crds`. Do not edit.\n';

/** Every generated file, keyed by its path relative to the repository root. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const crds = customResourceDefinitions();
  const names: string[] = [];
  for (const crd of crds) {
    const name = `${(crd.metadata as { name: string }).name.replace(/^([^.]+)\.(.*)$/, '$2_$1')}.yaml`;
    names.push(name);
    files.set(`deploy/crds/${name}`, HEADER + stringify(crd, { lineWidth: 0 }));
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: names,
  };
  files.set('deploy/crds/kustomization.yaml', HEADER + stringify(kustomization));
  files.set('docs/configuration.md', configurationReference());
  return files;
}

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const invokedDirectly = process.argv[1] !== undefined && /generate-crds\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  for (const [path, content] of generatedFiles()) {
    const target = join(REPOSITORY_ROOT, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    process.stdout.write(`Wrote ${path}\n`);
  }
}
