import { defineRule } from './rule.js';

export default defineRule<'problem'>({
  id: 'dockerfile-invalid',
  title: 'A Dockerfile of the setup does not validate, so restage does not rewrite it',
  severity: 'error',
  message: '{{problem}}; restage does not migrate a Dockerfile that Docker would reject',
});
