import { defineRule } from './rule.js';

export default defineRule({
  id: 'build-context-mismatch',
  title: 'The builder image and the runtime image are built from different contexts',
  severity: 'error',
  messages: {
    buildContextMismatch:
      '{{builder}} and {{runtime}} do not see the same build context, and one merged build cannot give the builder stages the files they saw',
    containerignore:
      '{{context}} holds a .containerignore, which {{client}} reads instead of a .dockerignore; restage reads only .dockerignore files, so it cannot tell which files the build sees',
  },
});
