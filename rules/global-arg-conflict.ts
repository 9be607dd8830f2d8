import { defineRule } from './rule.js';

export default defineRule({
  id: 'global-arg-conflict',
  title: 'A global ARG of one Dockerfile would change an ARG of the same name in the other once merged',
  severity: 'error',
  messages: {
    globalArgConflict:
      'global ARG {{name}}, hoisted to the top of the merged file, would change the value {{name}} has in the other Dockerfile (a different default, or a stage ARG that had none)',
  },
});
