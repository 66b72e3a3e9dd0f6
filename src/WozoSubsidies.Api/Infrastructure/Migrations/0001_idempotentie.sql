-- Idempotency keys of creating POSTs (API.md): the first response is stored in the same transaction as the events
-- it created, so a retry after a crash or timeout returns that response and never creates a second aanvraag.
create schema if not exists api;

create table api.idempotency_keys (
    principal    text        not null,
    key          text        not null,
    request_hash text        not null,
    status       int         not null,
    location     text,
    body         text        not null,
    created_at   timestamptz not null default now(),
    primary key (principal, key)
);
