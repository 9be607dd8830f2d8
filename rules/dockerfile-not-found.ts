import { defineRule } from './rule.js';

export default defineRule<'path'>({
  id: 'dockerfile-not-found',
  title: 'A Dockerfile that a docker build of the setup names does not exist in the repository',
  severity: 'error',
  message: 'Dockerfile {{path}} does not exist in the repository',
});
