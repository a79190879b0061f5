const ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';

/** A random url-safe id (nanoid's alphabet, 16 characters: about 95 bits). Never derived from labels. */
export function newId(size = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(size));
  let id = '';
  for (let i = 0; i < size; i++) id += ALPHABET[(bytes[i] as number) & 63];
  return id;
}
