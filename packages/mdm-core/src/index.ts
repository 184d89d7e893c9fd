export * from './log';
export * from './http';
export * from './convert';
