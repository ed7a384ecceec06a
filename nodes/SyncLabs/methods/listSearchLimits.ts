// Paging of the "From List" searches (methods/listSearch.ts), apart so that module exports only search methods.

/** Rows per request; the generation and asset lists accept 1 to 100 (docs/sync-api.md#list-generations, #assets). */
export const LIST_PAGE_SIZE = 50;
/** With a filter, pages without a match are skipped, up to this many per call, so the list is not left empty. */
export const MAX_PAGES_PER_SEARCH = 5;
