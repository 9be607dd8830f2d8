import { defineRule } from './rule.js';

export default defineRule<'name'>({
  id: 'global-arg-conflict',
  title: 'Both Dockerfiles declare a global ARG of one name with different defaults',
  severity: 'error',
  message: 'global ARG {{name}} has different defaults in the builder and runtime Dockerfiles; merging them would change one of them',
});
