/**
 * `--config file.yaml`: the fields of a SyncJob spec that matter to one run
 * (tables, mode, destination schema and prefix, custom-field naming). Accepts a
 * whole SyncJob manifest or just its spec; other SyncJob fields (schedule,
 * jobTemplate, ...) are ignored here because the operator acts on them.
 * Field names and enums come from src/api so the two cannot drift; what the
 * SyncJob requires for a cluster (connectionRef, urlSecretRef) is optional
 * here because the command line supplies the connection and destination URL.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CUSTOM_FIELD_NAMINGS, DESTINATION_TYPES, SYNC_MODES } from '../api/index.js';
import { UsageError } from './command.js';

const syncSpec = z.object({
  tables: z.array(z.string().min(1)).optional(),
  mode: z.enum(SYNC_MODES).optional(),
  customFieldNaming: z.enum(CUSTOM_FIELD_NAMINGS).optional(),
  concurrency: z.number().int().min(1).max(16).optional(),
  destination: z
    .object({
      type: z.enum(DESTINATION_TYPES).optional(),
      schema: z.string().min(1).optional(),
      tablePrefix: z.string().optional(),
      sqlite: z.object({ path: z.string().min(1).optional() }).optional(),
    })
    .optional(),
});

export type SyncFileConfig = z.infer<typeof syncSpec>;

export async function readSyncConfig(path: string): Promise<SyncFileConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `The config file ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const spec =
    document && typeof document === 'object' && 'kind' in document && 'spec' in document
      ? (document as { spec: unknown }).spec
      : document;
  const parsed = syncSpec.safeParse(spec ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'spec';
    throw new UsageError(
      `The config file ${path} has an invalid ${where}: ${issue?.message ?? 'invalid value'}.`,
    );
  }
  return parsed.data;
}
