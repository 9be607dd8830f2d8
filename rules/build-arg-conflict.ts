import { defineRule } from './rule.js';

export default defineRule({
  id: 'build-arg-conflict',
  title: 'Merging both builds would give a build argument a different value in one of the stages',
  severity: 'error',
  messages: { buildArgConflict: 'build argument {{name}}: {{detail}}; one docker build would change a stage' },
});
