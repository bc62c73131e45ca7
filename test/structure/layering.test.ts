import { describe, expect, test } from 'vitest';
import {
  cycles,
  groupGraph,
  isTestFile,
  layerOf,
  PRODUCTION_ROOTS,
  readSources,
  type SourceFile,
} from './sourceGraph.ts';

/**
 * The facts about the house that anyone can re-check from the import statements (issue 11): layers point one way,
 * no cycles between folders, files small enough to read, one import path per name. Each assertion lists the
 * offending files, so a failure says what to move.
 */

const all = readSources([...PRODUCTION_ROOTS, 'test', 'bench']);
const production = all.filter((f) => PRODUCTION_ROOTS.some((r) => f.path.startsWith(`${r}/`)) && !isTestFile(f.path));

/** Production files may pass this many lines only with a reason in their opening comment. */
const MAX_LINES = 300;
/** The phrase that opens that reason, so it can be found (and counted) from the source. */
const LONG_FILE_REASON = 'Why this file is long:';

const importsOf = (files: readonly SourceFile[], test: (target: string) => boolean) =>
  files.flatMap((f) => f.imports.filter((e) => test(e.target)).map((e) => `${f.path} -> ${e.specifier}`));

describe('layering', () => {
  test('src/domain imports nothing of ours outside src/domain', () => {
    const domain = production.filter((f) => f.path.startsWith('src/domain/'));
    expect(domain.length).toBeGreaterThan(50);
    expect(importsOf(domain, (t) => !t.startsWith('src/domain/'))).toEqual([]);
  });

  test("the domain's tests reach outside the domain only for test kits and the bench's seed planner", () => {
    const domainTests = all.filter((f) => f.path.startsWith('src/domain/') && isTestFile(f.path));
    const allowed = (t: string) => t.startsWith('src/domain/') || t.startsWith('test/kit/') || t.startsWith('bench/');
    expect(importsOf(domainTests, (t) => !allowed(t))).toEqual([]);
  });

  test('bot/ and src/cli/ never import src/store/ or jobs/ (they go through src/app/)', () => {
    const faces = production.filter((f) => f.path.startsWith('bot/') || f.path.startsWith('src/cli/'));
    expect(faces.length).toBeGreaterThan(20);
    expect(importsOf(faces, (t) => t.startsWith('src/store/') || t.startsWith('jobs/'))).toEqual([]);
  });

  test('production code never imports a test kit', () => {
    expect(importsOf(production, (t) => t.startsWith('test/') || t.includes('/testing/'))).toEqual([]);
  });

  test('no import cycle between folders', () => {
    const graph = groupGraph(production, layerOf);
    expect(graph.size).toBeGreaterThan(8);
    expect(cycles(graph)).toEqual([]);
  });

  test('no import cycle between files either (each file can be read after the ones it imports)', () => {
    expect(cycles(groupGraph(production, (path) => path))).toEqual([]);
  });

  test('the cycle finder finds a cycle (so the test above could fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });
});

describe('files and names', () => {
  test(`no production file over ${MAX_LINES} lines without a reason in its opening comment`, () => {
    const long = production.filter((f) => f.lines > MAX_LINES);
    const unexplained = long.filter((f) => !openingComment(f.text).includes(LONG_FILE_REASON));
    expect(unexplained.map((f) => `${f.path} (${f.lines} lines)`)).toEqual([]);
  });

  test('no re-exports: every name has one import path, the file that defines it', () => {
    const reExporting = all.filter((f) => f.reExports.length > 0);
    expect(reExporting.flatMap((f) => f.reExports.map((r) => `${f.path}: ${r}`))).toEqual([]);
  });

  test('every error class sits in a file of its own, named after it, and says whether to retry', () => {
    const misplaced: string[] = [];
    for (const file of production) {
      for (const match of file.text.matchAll(/^export class (\w+Error) extends/gm)) {
        const name = match[1] ?? '';
        if (!file.path.endsWith(`/${name}.ts`)) misplaced.push(`${name} in ${file.path}`);
        else if (!/\bretryable\b/.test(file.text) && !inheritsRetryable(file.text))
          misplaced.push(`${name}: no retryable`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  test('no name is exported by two production files', () => {
    const owners = new Map<string, string[]>();
    for (const file of production) {
      for (const name of file.ownExports) owners.set(name, [...(owners.get(name) ?? []), file.path]);
    }
    const twice = [...owners].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files}`);
    expect(twice).toEqual([]);
  });
});

/** An error class whose base class (one of ours, in an import) sets `retryable` for it. */
function inheritsRetryable(text: string): boolean {
  const base = /^export class \w+ extends (\w+)/m.exec(text)?.[1];
  if (base === undefined || base === 'Error' || base === 'RangeError') return false;
  const baseFile = production.find((f) => f.path.endsWith(`/${base}.ts`));
  return baseFile !== undefined && (/\bretryable\b/.test(baseFile.text) || inheritsRetryable(baseFile.text));
}

/** The block comment(s) before the first statement. */
function openingComment(text: string): string {
  const match = /^(?:\s*(?:\/\*[\s\S]*?\*\/|\/\/[^\n]*\n))*/.exec(text.replace(/^(?:import[^;]*;\s*)*/, ''));
  return match?.[0] ?? '';
}
