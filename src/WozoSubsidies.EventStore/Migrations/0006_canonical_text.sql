-- Every event keeps its body's canonical text beside the jsonb (docs/benchmarks.md, "Stored canonical text"): the
-- NDJSON export, the hash verifier and every reader that wants the text read it as stored, instead of PostgreSQL
-- rendering jsonb as text on each read (7-10 us per event, most of an export's cost).
-- Generated columns, so the jsonb stays the one thing written: an append (or anyone changing a row behind the service's
-- back) sets data and metadata, and PostgreSQL keeps data_text = data::text and metadata_text = metadata::text in the
-- same row; neither can be written directly. That text is exactly what the hash chain covers (0001, event_content),
-- so an export shows a tampered row as it now is and the verifier finds it at that event.
-- Cost: each append renders the text once more (about 12 us per 700-byte event measured) and a row is about half as
-- large again; adding the columns rewrites eventstore.events once under an exclusive lock.
do $$
begin
    alter table eventstore.events
        add column data_text text compression lz4 generated always as (data::text) stored,
        add column metadata_text text compression lz4 generated always as (metadata::text) stored;
exception when feature_not_supported or invalid_parameter_value then
    raise notice 'lz4 is not available on this server; the canonical text is compressed with pglz';
    alter table eventstore.events
        add column data_text text generated always as (data::text) stored,
        add column metadata_text text generated always as (metadata::text) stored;
end
$$;
