import { defineRule } from './rule.js';

export default defineRule<'path' | 'by'>({
  id: 'builder-dockerfile-kept',
  title: 'The builder Dockerfile is still referenced elsewhere, so it is kept',
  severity: 'warning',
  message: '{{path}} is still referenced by {{by}}; it is kept, review whether it is still needed',
});
