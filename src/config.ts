import { z } from 'zod';

// The whole environment, parsed once at boot into a frozen object. Anything
// that reads process.env elsewhere is a bug.
const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');
// The same, on unless set to false or 0.
const booleanFlagOn = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v !== 'false' && v !== '0');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  WEBHOOK_ALLOW_PRIVATE: booleanFlag,
  WORKERS: booleanFlagOn,
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REMINDERS_EVERY_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PUBLIC_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  ),
  TRUST_PROXY: booleanFlag,
  NODE_ENV: z.string().optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  operatorToken: string | undefined;
  webhookAllowPrivate: boolean;
  /** Run the webhook worker inside the API process. */
  workers: boolean;
  /** Endpoints one process delivers to at once (one request in flight per endpoint). */
  webhookConcurrency: number;
  bodyLimitBytes: number;
  dbPoolSize: number;
  /** How often the reminder scheduler looks for due reminders. */
  remindersEveryMs: number;
  /** Days a finished webhook delivery (and its attempt log) is kept after its last attempt. */
  webhookRetentionDays: number;
  prettyLogs: boolean;
  /** Where clients reach the API (no trailing slash), for links it hands out; unset: taken from each request. */
  publicUrl: string | undefined;
  /** Behind a reverse proxy: believe X-Forwarded-For/-Proto/-Host for the client address, protocol and host. */
  trustProxy: boolean;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    operatorToken: e.OPERATOR_TOKEN,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    workers: e.WORKERS,
    webhookConcurrency: e.WEBHOOK_CONCURRENCY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    dbPoolSize: e.DB_POOL_SIZE,
    remindersEveryMs: Math.round(e.REMINDERS_EVERY_SECONDS * 1000),
    webhookRetentionDays: e.WEBHOOK_RETENTION_DAYS,
    prettyLogs: isTTY && e.NODE_ENV !== 'production',
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
  });
}
