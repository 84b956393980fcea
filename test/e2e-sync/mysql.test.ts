import { describeSyncEndToEnd } from './sync-suite.js';

describeSyncEndToEnd('mysql');
