export * from './types';
export * from './limits';
export * from './version';
export * from './validate';
export * from './doc';
export * from './snapshot';
export * from './migrations';
