import { defineRule } from './rule.js';

export default defineRule({
  id: 'generated-dockerfile',
  title: 'The driver writes a Dockerfile of the setup before building it',
  severity: 'error',
  messages: {
    generatedDockerfile:
      '{{command}} writes {{path}}, which a docker build of this setup reads; restage migrates Dockerfiles as they are in the repository, not as a script generates them',
  },
});
