import type { CDPSession } from 'playwright-core';

/**
 * The JS heap as a heap snapshot counts it after a GC, in bytes: `objects`, what scripts hold (objects, arrays,
 * strings, closures, DOM wrappers), and `code`, V8's compiled code (bytecode and optimised code, made as functions
 * first run or get hot, and bounded by the scripts' size). `Runtime.getHeapUsage` counts both: a reader that runs
 * new code paths over a minute (the first local re-parse, the first redraw of a marker) grows it by its compiled
 * code, with no object kept.
 */
export async function heapParts(cdp: CDPSession): Promise<{ objects: number; code: number }> {
  let chunks = '';
  const onChunk = (e: { chunk: string }) => void (chunks += e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  let objects = 0;
  let code = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!];
    const size = snap.nodes[i + sizeAt]!;
    if (type === 'code') code += size;
    else objects += size;
  }
  return { objects, code };
}
