export * from './report';
export * from './parse-records';
export * from './fields';
