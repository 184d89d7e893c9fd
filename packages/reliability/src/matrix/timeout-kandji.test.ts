import { slowResponseCase } from './timeout-case';

slowResponseCase('kandji', 'blueprints');
