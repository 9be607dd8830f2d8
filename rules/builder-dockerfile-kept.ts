import { defineRule } from './rule.js';

export default defineRule({
  id: 'builder-dockerfile-kept',
  title: 'The builder Dockerfile is still referenced elsewhere, so it is kept',
  severity: 'warning',
  messages: { builderDockerfileKept: '{{path}} is still referenced by {{by}}; it is kept, review whether it is still needed' },
});
