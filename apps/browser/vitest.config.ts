import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// A browser scenario waits on a real Chromium: generous per-test time, never a timing assertion.
export default defineConfig(sharedTestConfig(import.meta.url, { testTimeout: 60_000 }));
