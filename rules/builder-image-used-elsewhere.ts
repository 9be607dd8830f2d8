import { defineRule } from './rule.js';

export default defineRule<'image' | 'use'>({
  id: 'builder-image-used-elsewhere',
  title: 'The builder image is used for more than the extraction',
  severity: 'error',
  message: 'the builder image {{image}} is also used by {{use}}; restage does not keep a --target build for other uses yet',
});
