import { describeSyncEndToEnd } from './sync-suite.js';

describeSyncEndToEnd('sqlite');
