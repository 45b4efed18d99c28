import { LineCounter, parseAllDocuments, isNode } from 'yaml';
import type { Problem } from '../validation/problem.js';

/** One YAML (or JSON) document of a manifest file, able to say where a path in it was written. */
export interface ManifestDocument {
  index: number;
  value: unknown;
  /** Line and column (1-based) of the value at `path`, or of its nearest written parent */
  locate(path: ReadonlyArray<string | number>): { line: number; column: number } | undefined;
}

export interface ParsedManifests {
  documents: ManifestDocument[];
  problems: Problem[];
}

/** Parses every document in a YAML/JSON text; syntax errors come back as problems with line and column. */
export function parseManifests(text: string): ParsedManifests {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const problems: Problem[] = [];
  const documents: ManifestDocument[] = [];
  docs.forEach((doc, index) => {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      problems.push({ path: '', message: `YAML syntax error: ${firstLine(error.message)}`, line: pos.line, column: pos.col });
    }
    if (doc.errors.length > 0) return;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return; // an empty document between `---` separators
    documents.push({
      index,
      value,
      locate(path) {
        for (let depth = path.length; depth >= 0; depth--) {
          const node = doc.getIn(path.slice(0, depth), true);
          if (isNode(node) && node.range) {
            const pos = lineCounter.linePos(node.range[0]);
            return { line: pos.line, column: pos.col };
          }
        }
        return undefined;
      },
    });
  });
  return { documents, problems };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
