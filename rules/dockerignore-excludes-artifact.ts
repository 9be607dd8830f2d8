import { defineRule } from './rule.js';

const rule = defineRule({
  id: 'dockerignore-excludes-artifact',
  title: 'The runtime build context .dockerignore may exclude part of the extracted artifact',
  severity: 'error',
  messages: { dockerignoreExcludesArtifact: '.dockerignore pattern {{pattern}} may exclude (part of) the extracted {{artifact}} from the legacy build, which COPY --from would not exclude' },
});

// The matcher lives with the planner (src/plan/dockerignore.ts); test/glob.test.ts still imports it from here.
export { excludingPattern } from '../src/dockerfile/dockerignore.js';

export default rule;
