/** The tag that makes a live article part of the public FAQ (`npm run server -- --faq-tag <tag>`). */
export const DEFAULT_FAQ_TAG = 'faq';
