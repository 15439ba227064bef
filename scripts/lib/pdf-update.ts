/**
 * A copy of a PDF with other bytes, as a mirror or a re-save makes one: an incremental update appended to the
 * file (a new /Info with `producer`, its cross-reference section and a trailer whose /Prev points at the
 * original's). The trailer keeps the original's first /ID and gives a new second one, as the PDF standard asks of
 * a changed file. For tests and fixtures; expects a PDF with a classic trailer (/Size, /Root, /ID), as
 * LibreOffice writes them.
 */
export function stampedCopy(pdf: Uint8Array, producer: string): Uint8Array {
  const tail = new TextDecoder('latin1').decode(pdf.subarray(Math.max(0, pdf.length - 4096)));
  const last = (re: RegExp): string => {
    const all = [...tail.matchAll(re)];
    if (!all.length) throw new Error(`stampedCopy: no ${re.source} in the PDF's trailer`);
    return all[all.length - 1]![1]!;
  };
  const prev = last(/startxref\s+(\d+)/g);
  const size = Number(last(/\/Size\s+(\d+)/g));
  const root = last(/\/Root\s+(\d+\s+\d+\s+R)/g);
  const id0 = last(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>/g);
  const id1 = [...producer].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, '0').repeat(4);
  const start = pdf.length + 1; // after the newline below
  const obj = `\n${size} 0 obj\n<< /Producer (${producer.replace(/[()\\]/g, '')}) >>\nendobj\n`;
  const xrefAt = pdf.length + obj.length;
  const update =
    `${obj}xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(start).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} /ID [<${id0}> <${id1}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf);
  out.set(new TextEncoder().encode(update), pdf.length);
  return out;
}
