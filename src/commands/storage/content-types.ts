// The content types `storage content --content` filters on (storage.cfg `content` values).
export const CONTENT_TYPES = ['iso', 'vztmpl', 'backup', 'import', 'images', 'rootdir'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
