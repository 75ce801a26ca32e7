// One home for the JSON rule (SPEC 3.8 and 9): @meta/errors, which every package already depends on.
export { isJsonContentType } from '@meta/errors';
