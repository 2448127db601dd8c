export * from './clock';
export * from './counter';
export * from './limiter';
export * from './parse';
export * from './retry-after';
export * from './snapshot';
export * from './transport';
