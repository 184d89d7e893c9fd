export * from './report';
export * from './parse-records';
