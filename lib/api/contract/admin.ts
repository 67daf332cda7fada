import { defineEndpoint as e } from "../route-contract";
import * as orgs from "../../orgs/schemas";
import * as storage from "../../storage/schemas";
import { id } from "./params";

/** Administration: part of the API contract (lib/api/endpoints.ts). */
export const adminEndpoints = {
  "GET /api/v1/admin/api-keys": e({
    method: "GET",
    path: "/api/v1/admin/api-keys",
    summary: "API keys (never the keys themselves)",
    capability: "apikeys.manage",
    response: orgs.apiKeysResponse,
  }),
  "POST /api/v1/admin/api-keys": e({
    method: "POST",
    path: "/api/v1/admin/api-keys",
    summary: "Create an API key (the answer carries the key: the only time it is shown)",
    capability: "apikeys.manage",
    body: orgs.createApiKeySchema,
    response: orgs.issuedApiKeyResponse,
  }),
  "DELETE /api/v1/admin/api-keys/{id}": e({
    method: "DELETE",
    path: "/api/v1/admin/api-keys/{id}",
    summary: "Revoke an API key",
    capability: "apikeys.manage",
    params: id,
    response: orgs.revokedApiKeyResponse,
  }),
  "GET /api/v1/admin/members": e({
    method: "GET",
    path: "/api/v1/admin/members",
    summary: "Members of the organisation",
    auth: "session",
    capability: "members.manage",
    response: orgs.membersResponse,
  }),
  "POST /api/v1/admin/members": e({
    method: "POST",
    path: "/api/v1/admin/members",
    summary: "Add a member",
    auth: "session",
    capability: "members.manage",
    body: orgs.createMemberSchema,
    response: orgs.addedMemberResponse,
  }),
  "PATCH /api/v1/admin/members/{id}": e({
    method: "PATCH",
    path: "/api/v1/admin/members/{id}",
    summary: "Change a member's role or team",
    auth: "session",
    capability: "members.manage",
    params: id,
    body: orgs.updateMemberSchema,
    response: orgs.changedMemberResponse,
  }),
  "DELETE /api/v1/admin/members/{id}": e({
    method: "DELETE",
    path: "/api/v1/admin/members/{id}",
    summary: "Remove a member",
    auth: "session",
    capability: "members.manage",
    params: id,
    response: orgs.removedMemberResponse,
  }),
  "GET /api/v1/admin/retention": e({
    method: "GET",
    path: "/api/v1/admin/retention",
    summary: "Raw-event retention: months kept (null: forever), from when raw events are kept, dropped months",
    capability: "retention.manage",
    response: storage.retentionResponse,
  }),
  "PUT /api/v1/admin/retention": e({
    method: "PUT",
    path: "/api/v1/admin/retention",
    summary: "Set the months of raw events to keep (null: forever; rollups are always kept)",
    capability: "retention.manage",
    body: storage.retentionInputSchema,
    response: storage.retentionResponse,
  }),
};
