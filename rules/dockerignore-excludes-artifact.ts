import { defineRule } from './rule.js';

const rule = defineRule({
  id: 'dockerignore-excludes-artifact',
  title: 'The runtime build context .dockerignore may exclude part of the extracted artifact',
  severity: 'error',
  messages: {
    dockerignoreExcludesArtifact:
      '.dockerignore pattern {{pattern}} may exclude (part of) the extracted {{artifact}} from the legacy build, which COPY --from would not exclude',
  },
});

export default rule;
