import { describe, expect, it } from 'vitest';
import { firstMentionMeaning, mayMean, mentionMayMean, mentionsMeaning, type Mention } from '../../src/plan/mentions.js';
import { memoryRepo } from '../support/plan-tester.js';

/**
 * Whether a file that mentions a Dockerfile's name may mean the one a migration deletes: a miss deletes a
 * file a script still uses, a false hit keeps every builder Dockerfile of a monorepo.
 */
describe('mayMean', () => {
  const target = 'services/api/Dockerfile.build';
  const repo = memoryRepo({ [target]: 'FROM x\n', 'services/web/Dockerfile.build': 'FROM x\n', 'ci/build.sh': '' });
  const at = (text: string) => mayMean(text, text.indexOf('Dockerfile.build'), 'Dockerfile.build'.length, 'ci/build.sh', target, repo);

  it.each([
    ['a bare name, from a cwd restage cannot know', 'docker build -f Dockerfile.build .', true],
    ['the path from the root', 'docker build -f services/api/Dockerfile.build .', true],
    ['the path from the mentioning directory', 'docker build -f ../services/api/Dockerfile.build .', true],
    ['the end of the path, after a quote', 'docker build -f "api/Dockerfile.build" .', true],
    ['a path a variable starts', 'docker build -f $SERVICE_DIR/Dockerfile.build .', true],
    ['a variable glued to the first segment', 'docker build -f $SERVICEapi/Dockerfile.build .', true],
    ['a path after ${…}', 'docker build -f "${ROOT}/services/api/Dockerfile.build" .', true],
    ['a path after $(…)', 'docker build -f $(ROOT)/api/Dockerfile.build .', true],
    ['a prefix glued on before a quote', 'docker build -f "$ROOT"/services/api/Dockerfile.build .', true],
    ['a partial first segment after a quote', 'docker build -f "$SVC-"api/Dockerfile.build .', true],
    ['an absolute path that ends in the whole path', 'docker build -f /workspace/services/api/Dockerfile.build .', true],
    ['a path that climbs from an unknown cwd', 'docker build -f ../../api/Dockerfile.build .', true],
    ['a ./ in the middle', 'docker build -f services/./api/Dockerfile.build .', true],
    ['another existing file, read from the root', 'docker build -f services/web/Dockerfile.build .', false],
    ['a path that ends in another directory', 'docker build -f docker/Dockerfile.build .', false],
    ['a path whose last directory only ends like the target', 'docker build -f myapi/Dockerfile.build .', false],
    ['a path after = that ends elsewhere', 'DOCKERFILE=docker/Dockerfile.build', false],
    ['after ${…}, a path that ends elsewhere', 'docker build -f "${ROOT}/docker/Dockerfile.build" .', false],
    ['a path that climbs into another directory', 'docker build -f ../docker/Dockerfile.build .', false],
  ])('%s: %s', (_, text, counts) => {
    expect(at(text)).toBe(counts);
  });
});

describe('mentionsMeaning: the lookup finds what a scan would, in file order', () => {
  const m = (file: string, means: string | null, text: string, segment: boolean): Mention => ({ file, index: 0, length: 0, means, tail: { text, segment } });
  const mentions = [
    m('a.sh', 'services/api/Dockerfile.build', 'Dockerfile.build', true),
    m('b.sh', null, 'Dockerfile.build', true),
    m('c.sh', null, 'docker/Dockerfile.build', true),
    m('d.sh', null, 'api/Dockerfile.build', false),
    m('e.sh', null, '/Dockerfile.build', false),
    m('f.sh', null, 'workspace/services/api/Dockerfile.build', true),
    m('g.sh', null, '/services/web/docker/Dockerfile.build', false),
    m('h.sh', 'services/web/docker/Dockerfile.build', 'docker/Dockerfile.build', true),
    m('i.sh', null, 'pi/Dockerfile.build', false),
    m('j.sh', null, 'pi/Dockerfile.build', true),
    m('k.sh', null, 'Dockerfile.build', true),
  ];
  it.each(['services/api/Dockerfile.build', 'services/web/docker/Dockerfile.build', 'Dockerfile.build', 'api/Dockerfile.build', 'x/Dockerfile.build'])(
    '%s',
    (target) => {
      const scanned = mentions.filter((x) => mentionMayMean(x, target));
      expect(mentionsMeaning(mentions, target)).toEqual(scanned);
      expect(scanned.length).toBeGreaterThan(1);
      expect(firstMentionMeaning(mentions, target, () => true)).toBe(scanned[0]);
      expect(firstMentionMeaning(mentions, target, (x) => x !== scanned[0])).toBe(scanned[1]);
      expect(firstMentionMeaning(mentions, target, () => false)).toBeUndefined();
    },
  );
});
