/**
 * Function words per language (a short core of the Snowball lists, without negations: "no
 * sound", "will not start" and "нет звука" hinge on them). Modal verbs are kept too ("will not start"). They are never dropped
 * from a query — "no sound" or "to be" must still work — but they weigh little when deciding
 * how much of the query an entry covers: "send file over bluetooth" should not prefer an entry
 * for its "over" to one that has "send", "file" and "bluetooth" but not "over".
 */
import { foldWord } from './text';

const LISTS: Record<string, string> = {
  en:
    'a an and are as at be been but by for from how i if in into is it its me my of on or our over so than ' +
    'that the their them then there these they this to too was we were what whats when where which who why ' +
    'with you your',
  fr:
    'a au aux avec ce ces cette dans de des du elle en est et il ils je la le les leur lui ma mais me mes mon ' +
    'nos notre nous on ou par pour qu que qui sa se ses son sur ta te tes ton tu un une vos votre vous y',
  de:
    'aber als am an auch auf aus bei bin bis das dass dem den der des die ein eine einem einen einer es für hat ' +
    'ich ihr im in ist mein meine mit nicht noch nur oder sich sie sind so um und von vom was wie wir zu zum zur',
  es:
    'a al como con de del el en es esta este hay la las le lo los me mi mis o para pero por que se si sin su ' +
    'sus te tu un una uno y ya',
  pt:
    'a ao aos as com como da das de do dos e ela ele em es esta este meu minha na nas no nos o os ou para ' +
    'pela pelo por que se sem seu sua um uma',
  it:
    'a al alla che chi con da dal de dei del della di e gli ha il in io la le lo ma mi mio nel nella o per ' +
    'si su sua suo un una uno',
  ru:
    'а без в вы да для до его ее если же за и из или им их к как ли меня мне мой моя мы на над но ' +
    'о об он она они от по при с со так то ты у уже что чтобы это я',
};

/**
 * Negations per language, as the tokenizer sees them ("won’t" leaves "won", "n’émet" loses
 * its "n"). Problem articles are titled with one negation ("I cannot hear any sounds",
 * "Компьютер не издаёт никаких звуков") and agents type another ("no sound", "нет звука"),
 * so a query's negation matches any of them (query.ts). Prepositions like "sin", "sem", "без"
 * are left out: they are function words and often not negations ("sem fio" is wireless).
 */
const NEGATIONS: Record<string, string> = {
  en:
    'no not cannot cant never none nothing nobody neither nor wont won dont don doesnt doesn isnt isn didnt didn ' +
    'arent aren wasnt wasn couldnt couldn',
  fr: 'ne pas aucun aucune rien jamais personne',
  de: 'kein keine keinen keinem keiner keines nicht nichts nie niemals',
  es: 'no ningun ninguna ninguno nada nunca',
  pt: 'nao nenhum nenhuma nada nunca',
  it: 'non nessun nessuno nessuna niente nulla mai',
  ru: 'не нет ни никакой никакая никакое никакие никаких никак ничего никогда',
};

const folded = new Map<string, Set<string>>();

function setFor(lists: Record<string, string>, kind: string, locale: string): Set<string> | undefined {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  const key = `${kind}:${language}`;
  let set = folded.get(key);
  if (!set && lists[language]) {
    set = new Set(lists[language].split(' ').map(foldWord));
    folded.set(key, set);
  }
  return set;
}

export function isStopword(term: string, locale: string): boolean {
  return setFor(LISTS, 'stop', locale)?.has(term) ?? false;
}

/** The locale's negation words when `term` is one of them. */
export function negationsLike(term: string, locale: string): ReadonlySet<string> | undefined {
  const set = setFor(NEGATIONS, 'neg', locale);
  return set?.has(term) ? set : undefined;
}
