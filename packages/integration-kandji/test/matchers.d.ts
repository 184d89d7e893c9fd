// The SDK testing package declares its graph matchers on jest.Matchers; vitest.setup.ts
// registers them at runtime, this exposes their types on vitest's Assertion.
import '@jupiterone/integration-sdk-testing';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends jest.Matchers<void, T> {}
}
