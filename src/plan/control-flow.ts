import driverControlFlow from '../../rules/driver-control-flow.js';
import { hidesDocker, type DriverStep } from '../drivers/steps.js';
import type { Refuse } from './plan-context.js';

const NOT_FOLLOWED =
  'runs docker or touches the artifact; restage follows straight-line scripts, && chains, functions called once, and for loops over written-out words whose body is plain commands';

/** Why restage did not follow an opaque step: a workflow's action is no script at all (src/drivers/ci). */
export function notFollowed(s: Extract<DriverStep, { kind: 'opaque' }>): string {
  return s.action !== undefined ? 'names what the migration removes or runs docker; restage cannot see which files an action reads or writes' : NOT_FOLLOWED;
}

export function describeConstruct(nodeType: string): string {
  const name = constructName(nodeType);
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

function constructName(nodeType: string): string {
  const names: Record<string, string> = {
    if_statement: 'if statement',
    for_statement: 'for loop',
    while_statement: 'while loop',
    c_style_for_statement: 'for loop',
    function_definition: 'function',
    pipeline: 'pipeline',
    subshell: 'subshell',
    case_statement: 'case statement',
    compound_statement: 'command group',
    negated_command: 'negated command',
  };
  return names[nodeType] ?? nodeType.replace(/_/g, ' ');
}

/** Refuses each block restage does not follow that runs docker: part of the setup may be in it. Returns whether one did. */
export function refuseHiddenDocker(steps: DriverStep[], refuse: Refuse): boolean {
  const hidden = steps.filter((s): s is Extract<DriverStep, { kind: 'opaque' }> => s.kind === 'opaque' && hidesDocker(s));
  for (const s of hidden) refuse(driverControlFlow, s.unit.start, { construct: describeConstruct(s.nodeType), detail: notFollowed(s) });
  return hidden.length > 0;
}
