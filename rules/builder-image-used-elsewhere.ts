import { defineRule } from './rule.js';

export default defineRule({
  id: 'builder-image-used-elsewhere',
  title: 'The builder image is used for more than the extraction',
  severity: 'error',
  messages: {
    builderImageUsedElsewhere:
      'the builder image {{image}} is also used by {{use}}; restage keeps a --target build only for uses in the driver after the builder build',
  },
});
