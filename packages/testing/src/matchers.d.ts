// Types for the JupiterOne matchers registered in vitest.setup.ts: the SDK
// testing package declares them on jest.Matchers; expose them on vitest's Assertion.
import '@jupiterone/integration-sdk-testing';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends jest.Matchers<void, T> {}
}
