export * from './log';
export * from './http';
export * from './convert';
export * from './paginate';
export * from './schema';
export * from './config';
export * from './health';
