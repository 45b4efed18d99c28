/** One thing wrong with a manifest: where (a path like `spec.nodes[3].parameters.rules`) and what. */
export interface Problem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** `file:line:col: path: message`, the shape editors and CI logs link. */
export function formatProblem(problem: Problem, fileName?: string): string {
  const where = [fileName, problem.line, problem.column].filter((p) => p !== undefined).join(':');
  const path = problem.path ? `${problem.path}: ` : '';
  return `${where ? `${where}: ` : ''}${path}${problem.message}`;
}
