import { describe, expect, it } from 'vitest';
import { imageKey, isImageReference } from '../src/dockerfile/image-ref.js';

describe('isImageReference: the references Docker accepts', () => {
  it('accepts names, tags, registries with ports and digests', () => {
    for (const ref of [
      'golang:1.22',
      'org/toolchain:1.2',
      'ghcr.io/acme/svc:1',
      'localhost:5000/a/b',
      'registry.example.com:443/x/y_z:v1.0-rc',
      `a@sha256:${'0'.repeat(64)}`,
      'a__b/c-d',
      'local/build:1',
    ])
      expect(isImageReference(ref), ref).toBe(true);
  });

  it('rejects paths, upper-case repositories, empty parts and unexpanded variables', () => {
    for (const ref of ['/tmp/restage-fuzz-escaped/', 'Acme/Toolchain:1.2', 'a//b', 'a:', '-a', '$IMAGE', 'a/b/', 'a:-tag', '', 'a b'])
      expect(isImageReference(ref), ref).toBe(false);
  });

  it('takes a name of up to 255 characters, as distribution does, with a tag of up to 128 and a digest besides', () => {
    expect(isImageReference('a'.repeat(255))).toBe(true);
    expect(isImageReference('a'.repeat(256))).toBe(false);
    expect(isImageReference(`localhost:5000/${'a'.repeat(240)}`)).toBe(true);
    expect(isImageReference(`localhost:5000/${'a'.repeat(241)}`)).toBe(false);
    expect(isImageReference(`${'a'.repeat(255)}:${'b'.repeat(128)}@sha256:${'0'.repeat(64)}`)).toBe(true);
    expect(isImageReference(`a:${'b'.repeat(129)}`)).toBe(false);
  });
});

describe('imageKey: one key for the spellings of one image', () => {
  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1', 'nginx:1'],
    ['library/nginx', 'nginx:latest'],
    ['docker.io/nginx', 'nginx:latest'],
    ['docker.io/library/nginx:1', 'nginx:1'],
    ['ghcr.io/library/x', 'ghcr.io/library/x:latest'],
    ['localhost:5000/a', 'localhost:5000/a:latest'],
    [`a@sha256:${'0'.repeat(64)}`, `a@sha256:${'0'.repeat(64)}`],
  ])('%s → %s', (ref, key) => {
    expect(imageKey(ref)).toBe(key);
  });
});
