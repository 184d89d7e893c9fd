export * from './types';
export * from './strategies';
export * from './paginate';
export * from './completeness';
export * from './offset-pages';
export * from './row-memory';
export * from './by-count';
