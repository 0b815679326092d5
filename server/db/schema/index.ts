// The one barrel of the project: Drizzle builds its schema object from it.
export * from './regions';
export * from './users';
export * from './auth';
export * from './audit';
export * from './institutions';
export * from './emergency';
export * from './notices';
export * from './idempotency';
export * from './daily-reports';
export * from './notifications';
export * from './reminders';
export * from './incidents';
export * from './test-rounds';
export * from './isolation';
export * from './supplies';
export * from './hotline';
export * from './assistance';
