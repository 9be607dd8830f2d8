import { defineRule } from './rule.js';

export default defineRule({
  id: 'unsupported-driver',
  title: 'A builder-pattern driver is written in a language restage does not read',
  severity: 'error',
  messages: {
    unsupportedDriver:
      'this {{kind}} script copies an artifact out of a container, but restage does not read {{kind}} drivers; migrate it by hand or port the steps to a sh script',
  },
});
