/** Strips Markdown (and inline HTML) formatting, keeping the text; a best effort like n8n's `removeMarkdown()`. */
export function removeMarkdown(value: string): string {
  return value
    .replace(/^([\t ]*)(?:[*+-]|\d+\.)\s+/gm, '$1') // list markers
    .replace(/\n={2,}/g, '\n') // setext underline
    .replace(/~~/g, '') // strikethrough
    .replace(/`{3}.*\n/g, '') // code fences
    .replace(/<[^>\n]+>/g, '') // HTML tags
    .replace(/^[=-]{2,}\s*$/gm, '') // setext / rules
    .replace(/\[\^.+?\](?:: .*?$)?/gm, '') // footnotes
    .replace(/!\[.*?\][[(].*?[\])]/g, '') // images
    .replace(/\[(.*?)\][[(].*?[\])]/g, '$1') // links
    .replace(/^\s{0,3}>\s?/gm, '') // block quotes
    .replace(/^#{1,6}\s*(.*?)\s*#*\s*$/gm, '$1') // ATX headings
    .replace(/([*_]{1,3})(\S(?:.*?\S)?)\1/g, '$2') // emphasis
    .replace(/`(.+?)`/g, '$1') // inline code
    .replace(/\n{2,}/g, '\n\n');
}
