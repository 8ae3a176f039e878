/**
 * The words Instagram writes around its numbers, by language: English and Russian first (the
 * product's users), then the other common Instagram languages where they are cheap (uk, de, es,
 * pt, fr, it, tr). Kazakh numbers are read by lib/numbers.ts; Kazakh words are not listed here
 * (no source to check them against), so Kazakh pages fall back as below.
 *
 * Labels are matched whole (after `labelOf` folds case, quotes and spaces), so a caption that
 * happens to contain "likes" is never read as a like count. Where a language is missing, the
 * readers fall back to markers without words (links, titles, the fixed order of the profile
 * counters, icons) or report unknown.
 */

/** Fold a label for matching: lower case, one kind of quote and space, no trailing punctuation. */
export function labelOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[«»“”„"‘’‚']/g, '"')
    .replace(/[()]/g, ' ')
    .replace(/[\s\u00a0\u202f\u2009]+/g, ' ')
    .replace(/^[\s:·•,(–—-]+|[\s:·•,.)–—-]+$/g, '');
}

// ---- profile header counters ("4,142 posts", "97,4 млн подписчиков") ----------------------------
// seen 2024-12 (en, meta tags); ru forms per MARKERS.md; others from Instagram's translations.
export const POSTS_LABEL =
  /^(posts?|posty|публикац\p{L}*|допис\p{L}*|beitr(ä|a)ge?|beitrag|publicaç(õ|o)es|publicaç(ã|a)o|publicaciones|publicación|publications?|gönderi)$/u;
export const FOLLOWERS_LABEL =
  /^(followers?|obserwując\p{L}*|подписчик\p{L}*|читач\p{L}*|підписник\p{L}*|seguidor(es)?|abonné\p{L}*|takipçi)$/u;
export const FOLLOWING_LABEL =
  /^(following|obserwowani|подпис(ок|ки|ка)|стеж\p{L}*|відстеж\p{L}*|gefolgt|abonniert|seguidos|siguiendo|seguindo|abonnements?|suivi\p{L}*|profili seguiti|seguiti|takip|takip edilen)$/u;

/** "This account is private" (profile of a private account you do not follow). */
export const PRIVATE_TEXT =
  /^(this account is private|это закрытый аккаунт|закрытый аккаунт|цей акаунт приватний|dieses konto ist privat|esta cuenta es privada|esta conta é privada|ce compte est privé)$/u;

// ---- post numbers ---------------------------------------------------------------------------------
/** Words of a like count: "1,234 likes", "1 234 отметок «Нравится»", "Нравится: 1 234", "Gefällt 1.234 Mal". */
export const LIKES_LABEL =
  /^(likes?|отмет\p{L}* "нравится"|нравится|позначк\p{L}* "подобається"|подобається|gefällt mal|"gefällt mir"-angaben|gefällt mir|me gusta|curtidas?|j"aime|mi piace|beğenme|beğeni)$/u;
/** Words of a comment count: "553 comments", "View all 553 comments", "Посмотреть все комментарии (553)". */
export const COMMENTS_LABEL =
  /^((view|see|посмотреть|смотреть|показать|переглянути|alle|ver|voir|visualizza)( (all|все|всі|los|todos los|todos os|os|les|tous les|tutti i|the))? )?(comments?|комментари\p{L}*|коментар\p{L}*|kommentare?( ansehen)?|comentarios?|comentários?|commentaires?|commenti|yorum\p{L}*( tümünü gör)?)$/u;
/** Words of a view or play count: "12,345 views", "1,2 тыс. просмотров". */
export const VIEWS_LABEL =
  /^(views?|plays?|просмотр\p{L}*|воспроизведени\p{L}*|перегляд\p{L}*|aufrufe|wiedergaben|visualizaciones|reproducciones|visualizaç(õ|o)es|reproduç(õ|o)es|vues|lectures|visualizzazioni|riproduzioni|görüntülenme|izlenme)$/u;
/** Hidden like counts: "Liked by alice and others" / "Нравится alice и другим" (no number). */
export const OTHERS_TEXT =
  /(^|\s)(and others|и другим|и другие|та іншим|und weiteren|und anderen|y otras personas|y otros|e outras pessoas|et d"autres personnes|e altri|ve diğerleri)$/u;
/** No likes yet: the count is 0. */
export const FIRST_LIKE_TEXT = /^(be the first to like this|будьте первым, кому это понравится|станьте першим, кому це сподобається)$/u;

// ---- icons (svg aria-label) ---------------------------------------------------------------------
// seen 2024-06 (en, logged-in action bar per MARKERS.md 2.2); ru from Instagram's translations.
export const LIKE_ICON =
  /^(like|unlike|нравится|не нравится|снять отметку "нравится"|подобається|не подобається|gefällt mir|gefällt mir nicht mehr|me gusta|ya no me gusta|curtir|descurtir|j"aime|je n"aime plus|mi piace|non mi piace più|beğen|beğenmekten vazgeç)$/u;
export const COMMENT_ICON = /^(comment|комментировать|комментарий|коментувати|kommentieren|comentar|commenter|commenta|yorum yap)$/u;
export const SHARE_ICON =
  /^(share|share post|send post|поделиться|отправить публикацию|поділитися|teilen|compartir|compartilhar|partager|condividi|paylaş)$/u;
export const REPOST_ICON = /^(repost|репост)$/u;

export const VIEWS_ICON =
  /(view|play|просмотр|воспроизвед|перегляд|aufrufe|wiedergabe|reproducc|visualiza|vues|lecture|riproduz|görüntülen|izlenme)/u;
export const PINNED_ICON = /(pinned|закреп|прикреп|закріп|angeheftet|fijad|fixad|épingl|fissat|sabitlen)/u;
export const CAROUSEL_ICON = /^(carousel|кольцевая галерея|карусель|галерея|karussell|carrusel|carrossel|carrousel|carosello|döngü)$/u;
export const CLIP_ICON = /^(clip|clips|reel|reels|клип|клипы|кліп)$/u;
export const VIDEO_ICON = /^(video|igtv|видео|відео|vídeo|vidéo)$/u;
export const NEXT_ICON = /^(next|далее|вперед|далі|weiter|siguiente|avançar|suivant|avanti|sonraki)$/u;

/** "Sponsored" / "Реклама" in a post header: an ad, kept apart from the account's own posts. */
export const AD_TEXT =
  /^(sponsored|ad|реклама|рекламная публикация|спонсорська публікація|gesponsert|anzeige|publicidad|patrocinado|sponsorisé|sponsorizzato|sponsorlu)$/u;
