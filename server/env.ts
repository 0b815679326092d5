import { z } from 'zod';

const Bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  FANGXIAN_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  FANGXIAN_SECRET_KEY: z.string().min(16, 'FANGXIAN_SECRET_KEY 至少 16 个字符').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(30).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  COOKIE_SECURE: Bool,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outbound channel for reminders and alerts (an SMS or WeCom gateway); read by the notifications module. */
  FANGXIAN_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'FANGXIAN_WEBHOOK_URL 须为 http(s) 地址' }).optional(),
  FANGXIAN_WEBHOOK_SECRET: z.string().min(16, 'FANGXIAN_WEBHOOK_SECRET 至少 16 个字符').optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** Reads and validates the configuration; a bad value stops the process with a clear message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means the embedded database).
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
