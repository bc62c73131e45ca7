import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Names of secrets pino censors. Its wildcards match one level only, so every depth a secret can sit at is listed:
 * our own objects (appkey, secretkey, token), axios errors (config.headers / config.data / request headers)
 * and nested `err` objects that carry them.
 */
const SECRET_KEYS = [
  'appkey',
  'secretkey',
  'token',
  'authorization',
  'Authorization',
  'KIWOOM_APP_KEY',
  'KIWOOM_SECRET_KEY',
  'TELEGRAM_BOT_TOKEN',
  'botToken',
  'password',
];
const PREFIXES = [
  '',
  '*.',
  '*.*.',
  'config.headers.',
  'config.data.',
  'err.config.headers.',
  'err.config.data.',
  'err.cause.config.headers.',
  'err.cause.config.data.',
  'headers.',
  'req.headers.',
  'request.headers.',
  'err.request.headers.',
  'err.response.config.headers.',
];
/** Every path pino censors: each SECRET_KEYS name at each of the PREFIXES. */
export const REDACT_PATHS = PREFIXES.flatMap((prefix) => SECRET_KEYS.map((key) => `${prefix}${key}`));

/** How createLogger logs. */
export interface LoggerSettings {
  readonly level: string;
  /** Pretty output for people at a terminal; JSON lines in production. */
  readonly pretty?: boolean;
}

/** A pino logger that censors secrets (REDACT_PATHS); to `destination` when given, else stdout (pretty if asked). */
export function createLogger(settings: LoggerSettings, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  if (settings.pretty && destination === undefined) {
    options.transport = { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } };
  }
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** pino's logger, so callers need not import pino for the type. */
export type { Logger };
