/** One file's fate: `after === null` deletes it, `before === null` creates it. */
export interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
}
