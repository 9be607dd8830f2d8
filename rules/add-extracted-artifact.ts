import { defineRule } from './rule.js';

export default defineRule({
  id: 'add-extracted-artifact',
  title: 'The runtime Dockerfile ADDs the extracted artifact, which may unpack it',
  severity: 'error',
  messages: {
    addExtractedArtifact: 'ADD of the extracted {{artifact}} would unpack it if it is an archive, and COPY --from never unpacks; refusing to migrate',
    archiveOfRunUser:
      'ADD unpacks {{artifact}}, an archive a docker run with --user made: its files belong to that user, and the stage that replaces the run would make them as the image user; refusing to migrate',
  },
});
