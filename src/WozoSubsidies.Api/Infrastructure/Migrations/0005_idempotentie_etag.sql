-- The ETag of a stored idempotent response (API.md: ETag on every state change), so a replay answers with the same
-- ETag as the first response and the client can send If-Match after a retry. Older rows have none.
alter table api.idempotency_keys add column etag text;
