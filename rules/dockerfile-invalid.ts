import { defineRule } from './rule.js';

export default defineRule({
  id: 'dockerfile-invalid',
  title: 'A Dockerfile of the setup does not validate, so restage does not rewrite it',
  severity: 'error',
  messages: { dockerfileInvalid: '{{problem}}; restage does not migrate a Dockerfile that Docker would reject' },
});
