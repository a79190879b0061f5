export * from './vocabulary';
export * from './element-kinds';
export * from './actor-types';
export * from './connection-kinds';
export * from './polarity';
export * from './directions';
export * from './meadows';
