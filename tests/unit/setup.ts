// Unit tests run the real storage code against an in-memory IndexedDB.
import 'fake-indexeddb/auto';
