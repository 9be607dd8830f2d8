import { defineRule } from './rule.js';

export default defineRule<'builder' | 'runtime'>({
  id: 'build-context-mismatch',
  title: 'The builder image and the runtime image are built from different contexts',
  severity: 'error',
  message: 'the builder is built from context {{builder}} but the runtime image from {{runtime}}; rebasing builder COPY sources is not supported yet',
});
