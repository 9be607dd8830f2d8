import { defineRule } from './rule.js';

export default defineRule<'name'>({
  id: 'stage-name-conflict',
  title: 'The builder and runtime Dockerfiles use the same stage name',
  severity: 'error',
  message: 'stage name {{name}} is used in both Dockerfiles; renaming stages is not supported yet',
});
