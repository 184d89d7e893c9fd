export * from './log';
export * from './http';
