export * from './define';
export * from './read';
export * from './element';
export * from './connection';
export * from './source';
export * from './loop';
export * from './meta';
export * from './editable';
