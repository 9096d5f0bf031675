import type { MemberBinding, MemberBindingStore } from '../../app/member-binding-store.js';
import type { Db } from './open-database.js';

// The `member_bindings` table (db/migrations/0007_member_bindings.sql). Plain prepared statements on the bot's one
// connection, so a binding is written in the same transaction as its audit entry (ctx.store.transaction).

interface Row {
  tenant_id: string;
  aad_object_id: string;
  member_id: string;
  service_url: string;
  address_fingerprint: string;
  bound_at: number;
}

const toBinding = (r: Row): MemberBinding => ({
  tenantId: r.tenant_id,
  aadObjectId: r.aad_object_id,
  memberId: r.member_id,
  serviceUrl: r.service_url,
  addressFingerprint: r.address_fingerprint,
  boundAt: r.bound_at,
});

export function createMemberBindingStore(db: Db): MemberBindingStore {
  const sqlite = db.$client;
  const findStmt = sqlite.prepare('SELECT * FROM member_bindings WHERE tenant_id = ? AND aad_object_id = ?');
  const ofMemberStmt = sqlite.prepare(
    'SELECT * FROM member_bindings WHERE member_id = ? ORDER BY bound_at DESC, tenant_id, aad_object_id',
  );
  const upsertStmt = sqlite.prepare(
    `INSERT INTO member_bindings (tenant_id, aad_object_id, member_id, service_url, address_fingerprint, bound_at)
     VALUES (@tenantId, @aadObjectId, @memberId, @serviceUrl, @addressFingerprint, @boundAt)
     ON CONFLICT (tenant_id, aad_object_id) DO UPDATE SET member_id = excluded.member_id,
       service_url = excluded.service_url, address_fingerprint = excluded.address_fingerprint,
       bound_at = excluded.bound_at`,
  );
  const removeStmt = sqlite.prepare('DELETE FROM member_bindings WHERE tenant_id = ? AND aad_object_id = ?');
  return {
    find(tenantId, aadObjectId) {
      const row = findStmt.get(tenantId, aadObjectId) as Row | undefined;
      return row ? toBinding(row) : undefined;
    },
    ofMember(memberId) {
      return (ofMemberStmt.all(memberId) as Row[]).map(toBinding);
    },
    save(b) {
      upsertStmt.run(b);
    },
    remove(tenantId, aadObjectId) {
      removeStmt.run(tenantId, aadObjectId);
    },
  };
}
