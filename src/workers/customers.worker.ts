import * as Comlink from 'comlink';
import { PlannerDb } from '../persistence/db';
import { createCustomersApi, fflateInflate, platformDecoders, platformGunzip } from './customersApi';

/**
 * The customers worker: imports transaction files into IndexedDB and analyses stored data sets.
 * It opens the app's database itself (IndexedDB works in workers), so columns of millions of rows
 * never pass through the main thread.
 */
const db = new PlannerDb();
db.on('versionchange', () => {
  // A newer version of the app is upgrading the schema: let it go ahead, as the tabs do.
  db.close();
  return false;
});

Comlink.expose(createCustomersApi({ db, decoders: platformDecoders, inflate: fflateInflate, gunzip: platformGunzip }));
