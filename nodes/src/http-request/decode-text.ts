import iconv from 'iconv-lite';

/**
 * A body as text: in the charset its content type names, else UTF-8; UTF-8 that does not decode cleanly is
 * tried as GB18030 (n8n's fallback for Chinese sites) before giving up.
 */
export function decodeText(body: Buffer, contentType: string): string {
  const charset = /charset=([^;,\s]+)/i.exec(contentType)?.[1]?.toLowerCase().replace(/['"]/g, '');
  if (charset && charset !== 'utf-8' && iconv.encodingExists(charset)) return iconv.decode(body, charset);
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) {
    const chinese = iconv.decode(body, 'gb18030');
    if (!chinese.includes('\uFFFD') && chinese.length > 0) return chinese;
  }
  return text;
}
