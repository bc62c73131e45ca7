import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The project's own source files and the imports between them, read from the import statements the way a person
 * re-checking the layering would read them: every `import`, `export ... from` and `import()` with a relative path.
 */

export const ROOT = resolve(import.meta.dirname, '../..');

/** Where production code lives; tests (`*.test.ts`) inside these are not production. */
export const PRODUCTION_ROOTS = ['src', 'bot', 'jobs'] as const;

export interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  readonly path: string;
  readonly text: string;
  readonly lines: number;
  /** Relative imports, resolved to paths from the repository root. */
  readonly imports: readonly ImportEdge[];
  /** `export ... from` statements: names this file hands on from another module. */
  readonly reExports: readonly string[];
  /** Names this file declares and exports itself. */
  readonly ownExports: readonly string[];
}

export interface ImportEdge {
  readonly specifier: string;
  readonly target: string;
}

export function isTestFile(path: string): boolean {
  return /\.test\.ts$/.test(path);
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listTs(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of source.statements) {
    const modifiers = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      names.push(st.name.text);
    }
  }
  return names;
}

export function readSourceFile(path: string): SourceFile {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const imports: ImportEdge[] = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const target = relative(ROOT, resolve(ROOT, dirname(path), ref.fileName)).replaceAll('\\', '/');
    imports.push({ specifier: ref.fileName, target });
  }
  const reExports: string[] = [];
  for (const st of source.statements) {
    if (ts.isExportDeclaration(st) && st.moduleSpecifier) reExports.push(st.getText(source));
  }
  return { path, text, lines: text.split('\n').length, imports, reExports, ownExports: exportedNames(source) };
}

/** Every .ts file under the given top-level folders. */
export function readSources(roots: readonly string[]): SourceFile[] {
  return roots.flatMap((root) => listTs(root)).map(readSourceFile);
}

/**
 * The folder a file belongs to for the layering: `src/<name>` for files under src, else the top-level folder
 * (`bot`, `jobs`, `test`, `bench`).
 */
export function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : 'src';
  return parts[0] ?? path;
}

/** The strongly connected groups of more than one node (Tarjan): each is an import cycle. */
export function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Import edges between the groups `groupOf` puts files in (edges inside one group are left out). */
export function groupGraph(files: readonly SourceFile[], groupOf: (path: string) => string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = groupOf(file.path);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const edge of file.imports) {
      const to = groupOf(edge.target);
      if (to !== from) edges.get(from)!.add(to);
    }
  }
  return edges;
}
