import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES = resolve(process.cwd(), 'tests/fixtures');

export function fixtureText(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}

/** Parse a fixture as the browser would (happy-dom's DOMParser in unit tests). */
export function fixtureDocument(path: string): Document {
  return new DOMParser().parseFromString(fixtureText(path), 'text/html');
}
