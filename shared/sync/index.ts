export * from './links';
export * from './password';
export * from './connection';
