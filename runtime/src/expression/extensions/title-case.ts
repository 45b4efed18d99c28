// Minor words stay lower case inside a title, as the `title-case` package n8n uses does.
const SMALL_WORDS = new Set(
  'a an and as at because but by en for if in neither nor of on only or over per so some than that the then to up upon v versus via vs when with without yet'.split(
    ' ',
  ),
);

/** Title Case: capitalises each word except minor words in the middle; words with inner capitals are kept. */
export function toTitleCase(value: string): string {
  const words = value.split(/(\s+)/);
  const wordIndexes = words
    .map((word, index) => (/\S/.test(word) ? index : -1))
    .filter((index) => index !== -1);
  const first = wordIndexes[0];
  const last = wordIndexes[wordIndexes.length - 1];
  let startsSentence = true;
  return words
    .map((word, index) => {
      if (!/\S/.test(word)) return word;
      const isEdge = index === first || index === last;
      const lower = word.toLowerCase();
      const keepSmall = !isEdge && !startsSentence && SMALL_WORDS.has(lower);
      startsSentence = /[:.!?]$/.test(word);
      if (keepSmall || /\p{Lu}/u.test(word.slice(1)) || /[./@]\S/.test(word)) return word;
      return word.replace(/\p{L}/u, (letter) => letter.toLocaleUpperCase());
    })
    .join('');
}
