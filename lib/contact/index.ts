export * from './keys';
export * from './model';
