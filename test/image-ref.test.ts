import { describe, expect, it } from 'vitest';
import { isImageReference } from '../src/dockerfile/image-ref.js';

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
});
