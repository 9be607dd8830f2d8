import { describe, expect, it } from 'vitest';
import { buildArgValues, declareVariables, expandVariables, type Variables } from '../src/dockerfile/variables.js';
import { parseDockerfile } from '../src/dockerfile/parse.js';

/** The variables of the last stage after all its instructions, built with `buildArgs`. */
function stageVariables(text: string, buildArgs: { text: string; isStatic: boolean }[] = []): Variables {
  const df = parseDockerfile('Dockerfile', text);
  const vars: Variables = new Map();
  const given = buildArgValues(buildArgs);
  for (const ins of df.stages.at(-1)!.instructions) declareVariables(ins, vars, given, df.globalArgs);
  return vars;
}

const word = (text: string, isStatic = true) => ({ text, isStatic });

describe('expandVariables', () => {
  const vars: Variables = new Map([
    ['JAR', 'target/app.jar'],
    ['EMPTY', ''],
    ['LATER', null],
  ]);
  it.each<[string, string | null]>([
    ['${JAR}', 'target/app.jar'],
    ['$JAR', 'target/app.jar'],
    ['$JAR.sha256', 'target/app.jar.sha256'],
    ['dist/${JAR}', 'dist/target/app.jar'],
    ['${UNDECLARED}app', 'app'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${JAR:-fallback}', 'target/app.jar'],
    ['${EMPTY:+set}', ''],
    ['${JAR:+set}', 'set'],
    ['${LATER}', null],
    ['x-$LATER', null],
    ['${JAR%.jar}', null],
    ['no variables', 'no variables'],
  ])('%s is %j', (text, expected) => {
    expect(expandVariables(text, vars)).toBe(expected);
  });
});

describe('declareVariables: what a COPY in the stage sees', () => {
  it.each<[string, string, { text: string; isStatic: boolean }[], string | null]>([
    ['an ARG default', 'ARG JAR_FILE=target/*.jar', [], 'target/*.jar'],
    ['a --build-arg over the default', 'ARG JAR_FILE=target/*.jar', [word('JAR_FILE=build/libs/app.jar')], 'build/libs/app.jar'],
    ['a --build-arg known only at run time', 'ARG JAR_FILE=target/*.jar', [word('JAR_FILE=$(ls target/*.jar)', false)], null],
    ['--build-arg NAME, from the environment', 'ARG JAR_FILE=target/*.jar', [word('JAR_FILE')], null],
    ['an ARG without a default, none given: empty', 'ARG JAR_FILE', [], ''],
    ['a quoted default', 'ARG JAR_FILE="target/app.jar"', [], 'target/app.jar'],
    ['a default made of another ARG', 'ARG V=1.0\nARG JAR_FILE=target/app-${V}.jar', [], 'target/app-1.0.jar'],
    ['the other ARG given', 'ARG V=1.0\nARG JAR_FILE=target/app-${V}.jar', [word('V=2.0')], 'target/app-2.0.jar'],
    ['ENV NAME=value', 'ENV JAR_FILE=target/app.jar', [], 'target/app.jar'],
    ['ENV NAME value (the old form)', 'ENV JAR_FILE target/app.jar', [], 'target/app.jar'],
    ['ENV over an ARG', 'ARG JAR_FILE=a.jar\nENV JAR_FILE=b.jar', [word('JAR_FILE=c.jar')], 'b.jar'],
    ['ENV of an ARG', 'ARG V=3\nENV JAR_FILE=app-$V.jar', [], 'app-3.jar'],
    ['two ARGs on one line', 'ARG A=x JAR_FILE=y', [], 'y'],
    ['TARGETARCH: BuildKit gives it, not the default', 'ARG TARGETARCH=amd64\nARG JAR_FILE=app-${TARGETARCH}.jar', [], null],
    ['TARGETARCH given', 'ARG TARGETARCH\nARG JAR_FILE=app-${TARGETARCH}.jar', [word('TARGETARCH=arm64')], 'app-arm64.jar'],
  ])('%s', (_name, lines, buildArgs, expected) => {
    const vars = stageVariables(`FROM local/run:1\n${lines}\n`, buildArgs);
    expect(vars.get('JAR_FILE')).toBe(expected);
  });

  it('a bare ARG in the stage takes the global default; the global alone is not in the stage', () => {
    expect(stageVariables('ARG JAR_FILE=target/g.jar\nFROM local/run:1\nARG JAR_FILE\n').get('JAR_FILE')).toBe('target/g.jar');
    expect(stageVariables('ARG JAR_FILE=target/g.jar\nFROM local/run:1\n').has('JAR_FILE')).toBe(false);
  });

  it('instructions other than ARG and ENV declare nothing', () => {
    expect([...stageVariables('FROM local/run:1\nLABEL JAR_FILE=x\nRUN JAR_FILE=y true\n').keys()]).toEqual([]);
  });
});
