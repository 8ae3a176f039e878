/**
 * Low-quality comment classifier for S9 (SIGNALS.md): emoji-only (no letter or digit), generic
 * (<= 3 words, all from a ru/en list: класс, супер, круто, огонь, топ, wow, nice...), mention-only,
 * or duplicated across users or posts.
 */

export type CommentKind = 'emoji' | 'generic' | 'mention' | 'ok';

/** Generic praise, ru and en, in the folded form of `fold` (repeated letters collapsed, ё -> е). */
const GENERIC_WORDS = [
  // ru
  'класс',
  'классно',
  'классный',
  'классная',
  'клево',
  'супер',
  'суперский',
  'круто',
  'крутой',
  'крутая',
  'крутяк',
  'огонь',
  'огонек',
  'топ',
  'топчик',
  'вау',
  'ого',
  'ух',
  'красота',
  'красиво',
  'красивая',
  'красивый',
  'шикарно',
  'шикарный',
  'шикарная',
  'шик',
  'прекрасно',
  'прекрасный',
  'прекрасная',
  'отлично',
  'отличный',
  'молодец',
  'молодцы',
  'браво',
  'кайф',
  'бомба',
  'пушка',
  'жиза',
  'норм',
  'лайк',
  'мило',
  'милота',
  'восторг',
  'восхитительно',
  'потрясающе',
  'шедевр',
  'обожаю',
  'нравится',
  'люблю',
  'спасибо',
  'спс',
  'благодарю',
  'согласен',
  'согласна',
  'лучший',
  'лучшая',
  'лучшие',
  'здорово',
  'зачет',
  'зачетно',
  'годно',
  'четко',
  'ура',
  'да',
  'ага',
  'бесподобно',
  'великолепно',
  'чудесно',
  'прелесть',
  'умница',
  'пост',
  'фото',
  'фотка',
  // en
  'wow',
  'nice',
  'cool',
  'great',
  'super',
  'awesome',
  'amazing',
  'beautiful',
  'gorgeous',
  'love',
  'lovely',
  'perfect',
  'best',
  'good',
  'like',
  'cute',
  'fire',
  'top',
  'omg',
  'lol',
  'yes',
  'wonderful',
  'fantastic',
  'stunning',
  'excellent',
  'brilliant',
  'thanks',
  'thank',
  'thx',
  'congrats',
  'pic',
  'pics',
  'picture',
  'photo',
  'shot',
  'post',
  'content',
  'feed',
  'work',
  'job',
  'keep',
  'up',
  'it',
  'this',
  'agree',
  'yay',
  'bravo',
  'dope',
  'sick',
  'legend',
  'goals',
  'vibes',
  'queen',
  'king',
];

/** Words that carry nothing on their own (allowed around generic words). */
const FILLER_WORDS = [
  'и',
  'а',
  'же',
  'ну',
  'вот',
  'ты',
  'вы',
  'это',
  'все',
  'как',
  'так',
  'очень',
  'просто',
  'всегда',
  'мне',
  'тебе',
  'вам',
  'за',
  'какой',
  'какая',
  'какое',
  'же',
  'прям',
  'прямо',
  'самый',
  'самая',
  'the',
  'a',
  'an',
  'so',
  'very',
  'is',
  'and',
  'you',
  'your',
  'my',
  'me',
  'really',
  'such',
  'what',
  'that',
  'looks',
  'look',
  'real',
  'too',
  'soo',
  'much',
  'of',
  'for',
  'to',
  'u',
];

/** Lower case, ё -> е, runs of one letter collapsed ("суууупер" = "супер", "класс" = "клас"). */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(\p{L})\1+/gu, '$1');
}

const GENERIC = new Set(GENERIC_WORDS.map(fold));
const FILLER = new Set(FILLER_WORDS.map(fold));

const MENTION = /@[\p{L}\p{N}._]+/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Text as compared: compatibility forms folded (fancy letters and digits become plain ones). */
export const normalizeComment = (text: string): string => text.normalize('NFKC').trim();

/** Classify a comment; `normalized` when the caller already has normalizeComment(text). */
export function classifyComment(text: string, maxWords = 3, normalized = false): CommentKind {
  const t = normalized ? text : normalizeComment(text);
  if (!t) return 'ok';
  const withoutMentions = t.replace(MENTION, ' ');
  if (withoutMentions !== t && !HAS_WORD.test(withoutMentions)) return 'mention';
  if (!HAS_WORD.test(t)) return 'emoji';
  // Read at most maxWords + 1 words: a longer comment is not generic, whatever it says.
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(t); m; m = WORD.exec(t)) {
    words.push(m[0]);
    if (words.length > maxWords) return 'ok';
  }
  let generic = 0;
  for (const w of words) {
    const f = fold(w);
    if (GENERIC.has(f)) generic++;
    else if (!FILLER.has(f)) return 'ok';
  }
  return generic > 0 ? 'generic' : 'ok';
}

/** The form duplicates are compared in: case, spacing and punctuation folded; emoji kept. */
export function duplicateKey(text: string, normalized = false): string {
  return (normalized ? text : text.normalize('NFKC'))
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s.,!?;:…"'«»()\-–—]+/gu, ' ')
    .trim();
}
