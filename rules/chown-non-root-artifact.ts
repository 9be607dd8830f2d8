import { defineRule } from './rule.js';

const rule = defineRule({
  id: 'chown-non-root-artifact',
  title: 'The artifact may be owned by a non-root user in the builder, so COPY --from gets --chown=0:0',
  severity: 'info',
  messages: {
    chownNonRootArtifact:
      'the extracted {{artifact}} may not be owned by root in the builder ({{reason}}); the legacy context COPY made it 0:0, so the migrated COPY --from gets --chown=0:0',
  },
});

export default rule;
