/**
 * The plain-text markup of the site pages, small enough to explain in a hint: a line starting
 * with "## " is a heading, lines starting with "- " make a list, a blank line ends a paragraph.
 * Nothing else has meaning, so no text an editor types can become HTML.
 */
export type Block = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: para.join(' ') });
    if (list) blocks.push({ kind: 'list', items: list });
    para = [];
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') flush();
    else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'heading', text: line.slice(3).trim() });
    } else if (line.startsWith('- ')) {
      if (para.length) {
        blocks.push({ kind: 'paragraph', text: para.join(' ') });
        para = [];
      }
      list ??= [];
      list.push(line.slice(2).trim());
    } else {
      if (list) {
        blocks.push({ kind: 'list', items: list });
        list = null;
      }
      para.push(line);
    }
  }
  flush();
  return blocks;
}
