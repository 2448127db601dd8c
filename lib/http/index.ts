export * from './clock';
export * from './counter';
export * from './limiter';
export * from './retry-after';
export * from './transport';
