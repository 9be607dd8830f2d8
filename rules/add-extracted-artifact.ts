import { defineRule } from './rule.js';

export default defineRule({
  id: 'add-extracted-artifact',
  title: 'The runtime Dockerfile ADDs the extracted artifact, which may unpack it',
  severity: 'error',
  messages: {
    addExtractedArtifact: 'ADD of the extracted {{artifact}} would unpack it if it is an archive, and COPY --from never unpacks; refusing to migrate',
  },
});
