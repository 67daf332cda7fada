import { createOrganization } from "@/lib/orgs/manage-members";
import { issueApiKey } from "@/lib/orgs/manage-api-keys";

/** A new organisation and an ingest API key for it, issued by the system (no user, no key). */
export async function orgWithIngestKey(slug: string, name: string, keyName: string): Promise<{ orgId: string; key: string }> {
  const orgId = (await createOrganization(slug, name)).id;
  const { key } = await issueApiKey(orgId, { name: keyName, scopes: ["ingest"] }, { userId: null, apiKeyId: null });
  return { orgId, key };
}
