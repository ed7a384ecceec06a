// Paging of the "From List" searches (methods/listSearch.ts), apart so that module exports only search methods.

/** Rows per request; the generation and asset lists accept 1 to 100 (/work/shared/reference/synclabs-api.md §5.4, §7.1). */
export const LIST_PAGE_SIZE = 50;
/** With a filter, pages without a match are skipped, up to this many per call, so the list is not left empty. */
export const MAX_PAGES_PER_SEARCH = 5;
