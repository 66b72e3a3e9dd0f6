-- The append's fast path (docs/benchmarks.md, "Append fast path"): the same semantics and the same hash chain as
-- 0001, with fewer statements per call, the idempotency check off the common path and the hashed content computed
-- inline. No statement left in it depends on a custom plan, so the function goes back to PostgreSQL's default plan
-- caching (0002 forced custom plans, which re-planned every statement on every call).
create or replace function eventstore.append(
    p_stream_id text, p_stream_type text, p_expected bigint,
    p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[])
returns table (event_id uuid, stream_version bigint, "position" bigint, recorded_at timestamptz, duplicate boolean)
language plpgsql as $$
#variable_conflict use_column
declare
    n           int := coalesce(array_length(p_event_ids, 1), 0);
    v_existing  int;
    v_current   bigint;
    v_hash      bytea;
    v_exists    boolean := false;
    v_xid       bigint;
    v_base      bigint;
    v_now       timestamptz;
    v_micros    text;
    v_hashes    bytea[] := '{}';
    i           int;
begin
    if n = 0 then
        return;
    end if;

    -- Idempotency by event id comes before the version check: a retry after a lost acknowledgement
    -- meets a stream that has moved on, and must still be told "already done", not "conflict".
    -- A retry re-sends the same events, so it is recognised by its first id; only then are all ids counted
    -- (0001 counted all of them on every append: one index probe per event). A new batch that repeats an older
    -- id further on fails on events_event_id_unique instead, which the client reports as DuplicateEventException,
    -- as it does WZ002. The count walks the array and probes the index per id, so a generic plan cannot turn it
    -- into a scan of the table (why 0002 forced custom plans).
    if exists (select 1 from eventstore.events e where e.event_id = p_event_ids[1]) then
        select count(*) into v_existing
        from unnest(p_event_ids) as u(id)
        where exists (select 1 from eventstore.events e where e.event_id = u.id);
        if v_existing = n then
            if exists (select 1 from unnest(p_event_ids) as u(id)
                       join eventstore.events e on e.event_id = u.id
                       where e.stream_id <> p_stream_id) then
                raise exception 'event ids already stored in another stream' using errcode = 'WZ002';
            end if;
            return query select e.event_id, e.stream_version, e.position, e.recorded_at, true
                         from unnest(p_event_ids) as u(id)
                         join eventstore.events e on e.event_id = u.id
                         order by e.stream_version;
            return;
        end if;
        raise exception '% of % event ids already stored', v_existing, n using errcode = 'WZ002';
    end if;

    -- Lock the stream row: appends to one stream are serialised here, and the expected version is
    -- checked under the lock (compare-and-set). Never ON CONFLICT DO NOTHING on events.
    select s.version, s.last_hash into v_current, v_hash
    from eventstore.streams s where s.stream_id = p_stream_id for update;
    v_exists := found;

    if p_expected >= 0 and coalesce(v_current, 0) <> p_expected then
        raise exception 'stream % is at version %, expected %', p_stream_id, coalesce(v_current, 0), p_expected
            using errcode = 'WZ001';
    end if;

    if not v_exists then
        -- Two creators race here: the loser's insert waits for the winner and then inserts nothing.
        insert into eventstore.streams (stream_id, stream_type, version)
        values (p_stream_id, p_stream_type, 0)
        on conflict on constraint streams_pkey do nothing;
        if not found then
            if p_expected >= 0 then
                raise exception 'stream % was created concurrently', p_stream_id using errcode = 'WZ001';
            end if;
            select s.version, s.last_hash into v_current, v_hash
            from eventstore.streams s where s.stream_id = p_stream_id for update;
        else
            v_current := 0;
        end if;
    end if;

    -- Several appends in one transaction (a multi-stream append, inline work) continue its range of positions.
    v_xid := pg_current_xact_id()::text::bigint;
    select coalesce(max(e.position) + 1, v_xid << 20) into v_base
    from eventstore.events e
    where e.position >= (v_xid << 20) and e.position < ((v_xid + 1) << 20);
    if v_base + n > ((v_xid + 1) << 20) then
        raise exception 'more than % events in one transaction', 1 << 20 using errcode = 'WZ003';
    end if;

    -- The database clock, read after the stream lock, so recorded_at never goes back within a stream.
    v_now := clock_timestamp();
    -- eventstore.event_content written out: that SQL function is never inlined (its body calls convert_to and
    -- extract on timestamptz, which are only stable while it is declared immutable), so every call ran an
    -- executor of its own and was planned again in every transaction. The text is the same, byte for byte
    -- (FastPathTests recomputes the stored chain with eventstore.event_content).
    v_micros := ((extract(epoch from v_now) * 1000000)::bigint)::text;
    for i in 1 .. n loop
        v_hash := sha256(coalesce(v_hash, ''::bytea) || convert_to(
            p_stream_id || E'\n' || (v_current + i)::text || E'\n' || (v_base + i - 1)::text || E'\n' || p_event_ids[i]::text
            || E'\n' || p_types[i] || E'\n' || p_data[i]::text || E'\n' || p_metadata[i]::text || E'\n' || v_micros,
            'UTF8'));
        v_hashes := v_hashes || v_hash;
    end loop;

    update eventstore.streams s
    set version = v_current + n, last_hash = v_hash, updated_at = v_now
    where s.stream_id = p_stream_id;

    -- The insert returns what the caller gets: one statement fewer than inserting and then selecting the arrays.
    return query
    insert into eventstore.events as e (position, stream_id, stream_version, event_id, event_type, data, metadata, recorded_at, hash)
    select v_base + u.ord - 1, p_stream_id, v_current + u.ord, u.eid, u.typ, u.dat, u.met, v_now, u.hsh
    from unnest(p_event_ids, p_types, p_data, p_metadata, v_hashes) with ordinality as u(eid, typ, dat, met, hsh, ord)
    returning e.event_id, e.stream_version, e.position, e.recorded_at, false;
end;
$$;

alter function eventstore.append(text, text, bigint, uuid[], text[], jsonb[], jsonb[]) reset plan_cache_mode;

-- Fewer index entries per event: the (stream_id, recorded_at) index served only time travel (a stream as it stood at
-- a moment), which reads one stream in version order through events_stream_version_unique and filters on the moment.
drop index eventstore.events_recorded_at;

-- Every append updates its stream's row; room on the page lets PostgreSQL do that as a heap-only update, without a
-- new entry in streams_pkey (applies to pages written from now on).
alter table eventstore.streams set (fillfactor = 70);
