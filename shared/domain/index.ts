export * from './context';
export * from './ids';
export * from './elements';
export * from './connections';
export * from './sources';
export * from './map';
export * from './authors';
