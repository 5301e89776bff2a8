import { Writable } from "node:stream";

/**
 * A writable stream flagged as a terminal, with a screen that applies what log-update sends (text,
 * newlines, cursor up/down/to column 1, erase line / to end of line); other escapes are ignored.
 */
export function fakeTerminal({ columns = 100, rows = 30 } = {}) {
  const written: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        written.push(chunk.toString());
        done();
      },
    }),
    { isTTY: true, columns, rows },
  );
  return { stream, written, screen: () => renderScreen(written.join("")) };
}

export function renderScreen(output: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  let col = 0;
  const put = (ch: string) => {
    const line = lines[row]!.padEnd(col);
    lines[row] = line.slice(0, col) + ch + line.slice(col + 1);
    col++;
  };
  for (let i = 0; i < output.length; i++) {
    const ch = output[i]!;
    if (ch === "\u001B" && output[i + 1] === "[") {
      const match = /^\u001B\[(\??)(\d*)([A-Za-z])/.exec(output.slice(i))!;
      i += match[0].length - 1;
      const [, privateMode, digits, command] = match;
      if (privateMode) continue; // cursor shown/hidden, synchronized output
      const n = digits === "" ? 1 : Number(digits);
      if (command === "A") row = Math.max(0, row - n);
      else if (command === "B") row += n;
      else if (command === "G") col = 0;
      else if (command === "K" && digits === "2") lines[row] = "";
      else if (command === "K") lines[row] = lines[row]!.slice(0, col);
      while (lines.length <= row) lines.push("");
    } else if (ch === "\n") {
      row++;
      col = 0;
      while (lines.length <= row) lines.push("");
    } else if (ch === "\r") col = 0;
    else put(ch);
  }
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  return lines;
}
