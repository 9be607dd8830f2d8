import { defineRule } from './rule.js';

export default defineRule({
  id: 'env-default-assumed',
  title: 'A host path reads an environment variable with a default; restage takes the default',
  severity: 'info',
  messages: {
    envDefaultAssumed:
      '{{word}} reads {{variables}} from the environment; restage reads it as {{value}}, its value when {{variables}} is not set (the path the Dockerfile copies pins it)',
    ciVariableAssumed:
      "{{word}} reads {{variables}}, which {{file}} sets; restage reads it as {{value}}, its value unless the project's or the pipeline's CI/CD variables override it (the path the Dockerfile copies pins it)",
  },
});
