/**
 * Splits a document into parts of at most `max` characters, at line ends where possible (a single longer line is
 * cut). Joining the parts with '\n' gives the document back.
 */
export function splitText(document: string, max: number): string[] {
  if (max < 1) throw new Error('splitText: max must be positive');
  const parts: string[] = [];
  let current: string | undefined;
  for (const line of document.split('\n')) {
    const pieces =
      line.length > max
        ? Array.from({ length: Math.ceil(line.length / max) }, (_, i) => line.slice(i * max, (i + 1) * max))
        : [line];
    for (const piece of pieces) {
      if (current !== undefined && current.length + 1 + piece.length <= max) current += `\n${piece}`;
      else {
        if (current !== undefined) parts.push(current);
        current = piece;
      }
    }
  }
  if (current !== undefined) parts.push(current);
  return parts;
}
