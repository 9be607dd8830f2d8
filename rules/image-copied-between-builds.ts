import { defineRule } from './rule.js';

export default defineRule({
  id: 'image-copied-between-builds',
  title: 'A build copies from an image an earlier build of the driver makes, not through the host',
  severity: 'error',
  messages: {
    imageCopiedBetweenBuilds:
      '{{use}}{{image}} reads an image that {{driver}}:{{line}} builds from {{dockerfile}}: one multi-stage build split in two, joined through the local image store; restage merges a builder only when its files reach the build through the host (docker cp, docker run -v, --output), so it refuses: make {{dockerfile}} a stage of this Dockerfile by hand, or turn this rule off to keep the two builds',
  },
});
