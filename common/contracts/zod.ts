import { z } from 'zod';

// Validation messages in Chinese for every schema of the platform, on the server and in the browser.
z.config(z.locales.zhCN());

export { z };
