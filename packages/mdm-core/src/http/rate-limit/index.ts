export { RateLimiter, type RateLimiterOptions, type RateWindow } from './limiter';
export { readKongWindows } from './kong-headers';
export { nextBoundary, type ServerWindowReader, type ServerWindowReport } from './server-windows';
