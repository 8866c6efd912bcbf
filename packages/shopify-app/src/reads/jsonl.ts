/**
 * Splits a byte stream into lines as it arrives, so a bulk export of any size is read with one line in
 * memory at a time (plus what one network chunk holds). Empty lines are skipped.
 */
export async function* readLines(
  body: ReadableStream<Uint8Array>,
  maxLineBytes = 16 * 1024 * 1024,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line !== '') yield line;
        newline = buffer.indexOf('\n');
      }
      if (buffer.length > maxLineBytes) throw new Error('A bulk export line is longer than the allowed maximum.');
    }
    buffer += decoder.decode();
    if (buffer.trim() !== '') yield buffer.trim();
  } finally {
    reader.releaseLock();
  }
}
