import { type Logger, pino } from 'pino';
import { REDACT_PATHS } from '../api/plugins/logging.ts';
import type { Config } from '../config.ts';

/** The service logger: JSON lines, CPR, names, emails and phones redacted (the API's paths). */
export function createLogger(config: Config, destination: NodeJS.WritableStream, service: string): Logger {
  return pino(
    {
      // Not pino's `name`: that key is redacted as a person's name.
      base: { pid: process.pid, service },
      level: config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}
