import { expect, it } from 'vitest';
import { parse } from './parse.js';

it('reads a copy out of a container', () => {
  expect(parse('docker cp extract:/app ./app').kind).toBe('cp');
});
