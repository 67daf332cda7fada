import { requireMember } from "@/lib/auth/page-guard";
import { listApiKeys } from "@/lib/orgs/manage-api-keys";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeysManager } from "@/components/admin/api-keys-manager";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const me = await requireMember("apikeys.manage");
  const keys = await listApiKeys(me.organizationId);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let applications send cost events (ingest), read metrics (read) or manage settings (admin). A key is shown once, when it is created; Spendline stores only its hash."
      />
      <ApiKeysManager
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          scopes: k.scopes,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
      />
    </>
  );
}
