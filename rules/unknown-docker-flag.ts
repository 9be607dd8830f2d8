import { defineRule } from './rule.js';

export default defineRule({
  id: 'unknown-docker-flag',
  title: 'A docker command of the setup has a flag or form restage does not understand',
  severity: 'error',
  messages: { unknownDockerFlag: 'docker {{command}}: {{flag}} is not understood by restage; refusing to migrate a command it cannot read fully' },
});
