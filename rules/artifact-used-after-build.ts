import { defineRule } from './rule.js';

export default defineRule({
  id: 'artifact-used-after-build',
  title: 'The extracted artifact is used on the host after the runtime build, so it must stay on the host',
  severity: 'error',
  messages: { artifactUsedAfterBuild: '{{command}} uses the extracted {{artifact}} after the build; removing the extraction would break it' },
});
