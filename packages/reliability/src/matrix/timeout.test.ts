import { slowResponseCases } from './timeout-case';

// Its own file: the slow response holds a test for seconds, in parallel with the other files.
slowResponseCases();
