/**
 * Diagnostic build for profiling (`npm run bench -- --diag`): the same extension, not minified, so
 * the profile's hot functions have their names. Never used for the figures.
 */
import { defineConfig, type UserConfig } from 'wxt';
import base from '../wxt.config';

const baseVite = base.vite;

export default defineConfig({
  ...base,
  vite: (env) => {
    const v = (baseVite ? baseVite(env) : {}) as Record<string, unknown>;
    return { ...v, build: { ...((v.build as object) ?? {}), minify: false } };
  },
} as UserConfig);
