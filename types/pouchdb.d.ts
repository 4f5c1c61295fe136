// The few PouchDB calls Margin's sync makes (utils/sync/), typed here: the DefinitelyTyped
// packages (@types/pouchdb-*) redeclare Node's Buffer and break the rest of the type-check.
declare namespace PouchDB {
  interface Doc {
    _id: string;
    _rev: string;
    _deleted?: boolean;
    _conflicts?: string[];
    _deleted_conflicts?: string[];
    [field: string]: unknown;
  }
  interface PutDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    [field: string]: unknown;
  }
  interface BulkResult {
    ok?: boolean;
    id?: string;
    rev?: string;
    error?: unknown;
    status?: number;
    name?: string;
    message?: string;
    reason?: string;
  }
  interface AllDocsRow {
    key: string;
    id?: string;
    error?: string;
    value?: { rev: string; deleted?: boolean };
    doc?: Doc | null;
  }
  interface Change {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    deleted?: boolean;
    doc?: Doc;
  }
  interface ReplicateResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }
  interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
    retry?: boolean;
  }
  interface Database {
    name: string;
    info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
    get(id: string, options?: { rev?: string; revs?: boolean; conflicts?: boolean; deleted_conflicts?: boolean }): Promise<Doc>;
    put(doc: PutDoc): Promise<BulkResult>;
    bulkDocs(docs: PutDoc[], options?: { new_edits?: boolean }): Promise<BulkResult[]>;
    allDocs(options: {
      keys?: string[];
      include_docs?: boolean;
      /** With include_docs: each winner names its other live leaves (`_conflicts`). */
      conflicts?: boolean;
      limit?: number;
      startkey?: string;
      endkey?: string;
    }): Promise<{ total_rows: number; rows: AllDocsRow[] }>;
    changes(options: {
      since: number | string;
      limit?: number;
      /** Rows per request (PouchDB's HTTP adapter asks for 25 at a time unless told). */
      batch_size?: number;
      include_docs?: boolean;
      conflicts?: boolean;
      style?: 'all_docs' | 'main_only';
    }): Promise<{ results: Change[]; last_seq: number | string }>;
    replicate: {
      to(target: Database, options?: ReplicateOptions): Promise<ReplicateResult>;
      from(source: Database, options?: ReplicateOptions): Promise<ReplicateResult>;
    };
    destroy(): Promise<unknown>;
    close(): Promise<unknown>;
  }
  interface Options {
    adapter?: string;
    skip_setup?: boolean;
    auth?: { username: string; password: string };
    fetch?: (url: string, init: RequestInit) => Promise<Response>;
    auto_compaction?: boolean;
    revs_limit?: number;
  }
  interface Static {
    new (name: string, options?: Options): Database;
    plugin(plugin: unknown): Static;
    defaults(options: Options): Static;
  }
}

declare module 'pouchdb-core' {
  const PouchDB: PouchDB.Static;
  export default PouchDB;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  /** An express application: a plain Node request handler. */
  function expressPouchDB(PouchDB: PouchDB.Static, options?: Record<string, unknown>): (req: IncomingMessage, res: ServerResponse) => void;
  export default expressPouchDB;
}
