// A chatbot's answer from the approved knowledge base, in the customer's language (Node 20+).
// Usage: CUECARD_SERVER=http://127.0.0.1:8787 CUECARD_BOT_TOKEN=cct_… node answer-bot.mjs "<question>" <locale>
const server = process.env.CUECARD_SERVER, token = process.env.CUECARD_BOT_TOKEN;
const [question, locale = 'en'] = process.argv.slice(2);

const url = new URL('/v1/answers', server);
url.search = new URLSearchParams({ q: question, locale, limit: '1' }).toString();
const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
const body = await response.json();
if (!response.ok) throw new Error(`${response.status} ${body.error.code}: ${body.error.message}`);

const best = body.answers[0];
if (!best) {
  console.log('No approved answer: hand the customer over to an agent.');
} else {
  // Templates arrive rendered with their defaults; best.variables lists the fields to fill.
  if (body.notice) console.error(body.notice); // e.g. no entries in the customer's language
  console.log(`${best.title} (${best.locale}, version ${best.version}, approved ${best.approval.approvedAt})`);
  console.log(best.text); // best.html is the same answer as sanitised HTML
}
