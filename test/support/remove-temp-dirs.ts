// A setup file: registered before a test file's own hooks, so it runs after them (vitest runs after-hooks
// in reverse order) and a file's afterAll can still read the trees it made.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.js';

afterAll(removeTempDirs);
