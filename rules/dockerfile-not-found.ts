import { defineRule } from './rule.js';

export default defineRule({
  id: 'dockerfile-not-found',
  title: 'A Dockerfile that a docker build of the setup names does not exist in the repository',
  severity: 'error',
  messages: { dockerfileNotFound: 'Dockerfile {{path}} does not exist in the repository' },
});
