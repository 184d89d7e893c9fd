import { slowResponseCase } from './timeout-case';

slowResponseCase('esper', 'device-groups');
