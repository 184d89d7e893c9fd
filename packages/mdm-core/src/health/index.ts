export * from './collection-health';
