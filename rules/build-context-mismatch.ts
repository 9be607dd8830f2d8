import { defineRule } from './rule.js';

export default defineRule({
  id: 'build-context-mismatch',
  title: 'The builder image and the runtime image are built from different contexts',
  severity: 'error',
  messages: {
    buildContextMismatch:
      '{{builder}} and {{runtime}} do not see the same build context, and one merged build cannot give the builder stages the files they saw',
  },
});
