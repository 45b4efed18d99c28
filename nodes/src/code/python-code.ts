import { spawn } from 'node:child_process';
import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { NodeOperationError } from '@budflow/runtime';

/**
 * The Python side of the Code node: the user's code runs in `python3 -I` (isolated: no user site, no
 * PYTHON* environment), a child of the runner, so it shares the runner's sandbox (namespaces, rlimits, no
 * network) and dies with it. Items go in and out as JSON. Both of n8n's Python dialects are accepted:
 * `_input.all()` / `_input.item` / `_json` (language `python`) and `_items` / `_item` (`pythonNative`).
 */
const WRAPPER = String.raw`
import json, sys, traceback
class _Obj(dict):
    __getattr__ = dict.get
    def __setattr__(self, k, v): self[k] = v
def _wrap(v):
    if isinstance(v, dict): return _Obj({k: _wrap(x) for k, x in v.items()})
    if isinstance(v, list): return [_wrap(x) for x in v]
    return v
class _Input:
    def __init__(self, items, index): self._items, self._index = items, index
    def all(self): return self._items
    def first(self): return self._items[0] if self._items else None
    def last(self): return self._items[-1] if self._items else None
    @property
    def item(self): return self._items[self._index] if self._index is not None else None
payload = json.load(sys.stdin)
items = _wrap(payload["items"])
logs = []
def _print(*args, **kwargs):
    logs.append(" ".join(str(a) for a in args))
source = "def __budflow_user_code():\n" + "\n".join("    " + line for line in payload["code"].splitlines() or ["pass"])
results = []
try:
    indexes = [None] if payload["mode"] == "all" else range(len(items))
    for index in indexes:
        scope = {"print": _print, "_input": _Input(items, index), "_items": items, "items": items}
        if index is not None:
            scope.update({"_item": items[index], "item": items[index], "_json": items[index]["json"]})
        exec(compile(source, "<Code node>", "exec"), scope)
        results.append(scope["__budflow_user_code"]())
    sys.stdout.write(json.dumps({"ok": True, "results": results, "logs": logs}, default=str))
except Exception as error:
    tb = traceback.extract_tb(error.__traceback__)
    line = next((f.lineno - 1 for f in reversed(tb) if f.filename == "<Code node>"), None)
    sys.stdout.write(json.dumps({"ok": False, "message": f"{type(error).__name__}: {error}", "line": line, "logs": logs}))
`;

interface PythonAnswer {
  ok: boolean;
  results?: unknown[];
  message?: string;
  line?: number | null;
  logs: string[];
}

export async function runPythonCode(
  ctx: NodeExecutionContext,
  items: Item[],
  code: string,
  eachItem: boolean,
): Promise<Item[]> {
  const payload = JSON.stringify({
    items: items.map((i) => ({ json: i.json })),
    code,
    mode: eachItem ? 'each' : 'all',
  });
  const answer = await runPython(payload, ctx.signal);
  for (const line of answer.logs) ctx.logger.log(line);
  if (!answer.ok) {
    const where = answer.line ? ` [line ${answer.line}]` : '';
    throw new NodeOperationError(`${answer.message}${where}`, {
      description: `Python code of node '${ctx.node.name}' failed`,
    });
  }
  const results = answer.results ?? [];
  if (!eachItem) return toItems(results[0], ctx.node.name);
  return results.flatMap((result, itemIndex) =>
    result === null || result === undefined
      ? []
      : toItems([result], ctx.node.name).map((item) => ({ ...item, pairedItem: { item: itemIndex } })),
  );
}

function toItems(value: unknown, node: string): Item[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new NodeOperationError(`Code doesn't return items properly`, {
        description: `Node '${node}': return a list of dictionaries (items), each with a 'json' dictionary or plain fields.`,
      });
    }
    const record = entry as Record<string, unknown>;
    const json = record.json;
    if (json !== undefined && (json === null || typeof json !== 'object' || Array.isArray(json))) {
      throw new NodeOperationError(`A 'json' property isn't an object`, {
        description: `Node '${node}': 'json' must be a dictionary.`,
      });
    }
    return { json: (json ?? record) as Item['json'] };
  });
}

function runPython(payload: string, signal: AbortSignal): Promise<PythonAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-I', '-c', WRAPPER], { stdio: ['pipe', 'pipe', 'pipe'], signal });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
    child.on('error', (error) =>
      reject(
        new NodeOperationError(`python3 could not be started: ${error.message}`, {
          description: 'Python Code nodes need python3 on the runner.',
        }),
      ),
    );
    child.on('close', (status) => {
      try {
        resolve(JSON.parse(out) as PythonAnswer);
      } catch {
        reject(
          new NodeOperationError(
            `Python exited with ${status ?? 'a signal'}: ${err.trim().split('\n').slice(-2).join(' ') || 'no output'}`,
          ),
        );
      }
    });
    child.stdin.end(payload);
  });
}
