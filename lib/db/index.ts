export * from './backup';
export * from './database';
export * from './rows';
export * from './schema';
export * from './settings';
