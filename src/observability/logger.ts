import winston from 'winston';
import { redact } from './redaction.js';

export type Logger = winston.Logger;

/** Removes registered secrets and secret-looking values from the whole log entry. */
const redactFormat = winston.format((info) => {
  const cleaned = JSON.parse(redact(JSON.stringify(info))) as Record<string, unknown>;
  for (const key of Object.keys(info))
    if (typeof key === 'string') delete (info as Record<string, unknown>)[key];
  Object.assign(info, cleaned);
  return info;
});

export interface LoggerOptions {
  level?: string;
  /** json for machines (Jobs, the operator), text for people at a terminal. */
  format?: 'json' | 'text';
  /** Where lines go; stderr by default so stdout stays clean for command output. */
  stream?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? (process.stderr.isTTY ? 'text' : 'json');
  const stream = options.stream ?? process.stderr;
  return winston.createLogger({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    format: winston.format.combine(
      redactFormat(),
      winston.format.timestamp(),
      format === 'json'
        ? winston.format.json()
        : winston.format.printf(({ level, message, timestamp: _t, ...rest }) => {
            const fields = Object.entries(rest)
              .filter(([k]) => typeof k === 'string')
              .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
              .join(' ');
            return `${level}: ${String(message)}${fields ? ` ${fields}` : ''}`;
          }),
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
}
