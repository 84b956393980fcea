#!/usr/bin/env node
// Runs the compiled CLI when it exists (the published package and the image),
// otherwise the TypeScript sources through tsx (a development checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled));
} else {
  const { tsImport } = await import('tsx/esm/api');
  ({ main } = await tsImport('../src/main.ts', import.meta.url));
}
process.exitCode = await main(process.argv.slice(2));
