import { isWithin } from '../dockerfile/paths.js';

/**
 * The paths a workflow step that runs an action names in its inputs (`with: path: bin/`, a list under
 * `path: |`, `files: ./bin/*`): every value and list item of the step's text split at blanks and commas,
 * comments, quotes, `./`, `${{ github.workspace }}/` and a trailing `/`, `/*` or `/**` dropped. Relative to the
 * workspace, the repository root. Words that are no paths (`name: binary`, `v4`) simply match nothing.
 */
export function actionInputPaths(stepText: string): string[] {
  const out: string[] = [];
  for (const line of stepText.replace(/\$\{\{\s*github\.workspace\s*\}\}\/?/g, '').split('\n')) {
    // A YAML comment starts at a # after a blank or at the start.
    const value = /^\s*(?:-\s+)?(?:[\w-]+:(?:\s+|$))?(.*)$/.exec(line)![1]!.replace(/(^|\s)#.*$/, '');
    for (const word of value.split(/[\s,]+/)) {
      const p = word
        .replace(/^["']|["']$/g, '')
        .replace(/^(\.\/)+/, '')
        .replace(/\/(\*\*?)?$/, '');
      if (p !== '' && p !== '|' && p !== '>') out.push(p === '.' ? '' : p);
    }
  }
  return out;
}

/** Whether the inputs name the host path or a directory that holds it. */
export function actionInputsName(stepText: string, hostPath: string): boolean {
  return actionInputPaths(stepText).some((p) => isWithin(hostPath, p));
}
