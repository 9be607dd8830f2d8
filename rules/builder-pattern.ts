import { defineRule } from './rule.js';

export default defineRule({
  id: 'builder-pattern',
  title: 'An artifact is extracted from a builder image and copied into a runtime image: a multi-stage build can do it',
  severity: 'info',
  messages: { builderPattern: '{{artifact}} is extracted to the host and copied back into an image; migrating to COPY --from={{stage}}' },
});
