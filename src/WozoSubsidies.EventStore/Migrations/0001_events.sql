-- The event store: streams, events, and the append function. Never edit this file once landed;
-- add 0002_... instead (ARCHITECTURE.md: versioned SQL scripts).
create schema if not exists eventstore;

create table eventstore.streams (
    stream_id   text        primary key,
    stream_type text        not null,
    -- version = the number of events in the stream; a new stream is 0 before its first append.
    version     bigint      not null check (version >= 0),
    last_hash   bytea,
    created_at  timestamptz not null default clock_timestamp(),
    updated_at  timestamptz not null default clock_timestamp()
);

-- position = (top-level transaction id << 20) + ordinal within that transaction.
-- So position order is commit-safe: a transaction still running has an id >= xmin of any snapshot,
-- and a reader that only reads positions below (xmin << 20) can never move past an event that
-- commits later (the Marten/Emmett "late commit" bug). Positions are unique and increasing, not contiguous.
create table eventstore.events (
    position       bigint      primary key,
    stream_id      text        not null references eventstore.streams (stream_id),
    stream_version bigint      not null check (stream_version >= 1),
    event_id       uuid        not null,
    event_type     text        not null,
    data           jsonb       not null,
    metadata       jsonb       not null,
    recorded_at    timestamptz not null,
    hash           bytea       not null,
    constraint events_stream_version_unique unique (stream_id, stream_version),
    constraint events_event_id_unique unique (event_id)
);

create index events_recorded_at on eventstore.events (stream_id, recorded_at);

-- The hashed content of one event. The same text is rebuilt by the verifier (C#) and the auditor's CLI:
-- jsonb::text is PostgreSQL's canonical form, and recorded_at is taken as epoch microseconds so no
-- session setting (DateStyle, TimeZone) changes it.
create function eventstore.event_content(
    p_stream_id text, p_version bigint, p_position bigint, p_event_id uuid, p_type text,
    p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz) returns bytea
language sql immutable as $$
    select convert_to(
        p_stream_id || E'\n' || p_version::text || E'\n' || p_position::text || E'\n' || p_event_id::text
        || E'\n' || p_type || E'\n' || p_data::text || E'\n' || p_metadata::text
        || E'\n' || ((extract(epoch from p_recorded_at) * 1000000)::bigint)::text,
        'UTF8')
$$;

-- Appends events to one stream with an expected version, in the caller's transaction.
--   p_expected >= 0 : the stream must be at exactly that version (0 = must not exist yet)
--   p_expected = -1 : any version (no check)
-- Errors (SQLSTATE): WZ001 concurrency conflict, WZ002 some but not all event ids already stored,
--                    WZ003 too many events in one transaction.
-- When every event id is already stored in this stream, nothing is written and the stored rows are
-- returned with duplicate = true (idempotent retry).
create function eventstore.append(
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
    v_positions bigint[] := '{}';
    v_versions  bigint[] := '{}';
    v_hashes    bytea[] := '{}';
    i           int;
begin
    if n = 0 then
        return;
    end if;

    -- Idempotency by event id comes before the version check: a retry after a lost acknowledgement
    -- meets a stream that has moved on, and must still be told "already done", not "conflict".
    select count(*) into v_existing from eventstore.events e where e.event_id = any (p_event_ids);
    if v_existing = n then
        if exists (select 1 from eventstore.events e where e.event_id = any (p_event_ids) and e.stream_id <> p_stream_id) then
            raise exception 'event ids already stored in another stream' using errcode = 'WZ002';
        end if;
        return query select e.event_id, e.stream_version, e.position, e.recorded_at, true
                     from eventstore.events e where e.event_id = any (p_event_ids) order by e.stream_version;
        return;
    elsif v_existing > 0 then
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

    v_xid := pg_current_xact_id()::text::bigint;
    select coalesce(max(e.position) + 1, v_xid << 20) into v_base
    from eventstore.events e
    where e.position >= (v_xid << 20) and e.position < ((v_xid + 1) << 20);
    if v_base + n > ((v_xid + 1) << 20) then
        raise exception 'more than % events in one transaction', 1 << 20 using errcode = 'WZ003';
    end if;

    -- The database clock, read after the stream lock, so recorded_at never goes back within a stream.
    v_now := clock_timestamp();
    for i in 1 .. n loop
        v_positions := v_positions || (v_base + i - 1);
        v_versions := v_versions || (v_current + i);
        v_hash := sha256(coalesce(v_hash, ''::bytea) || eventstore.event_content(
            p_stream_id, v_current + i, v_base + i - 1, p_event_ids[i], p_types[i], p_data[i], p_metadata[i], v_now));
        v_hashes := v_hashes || v_hash;
    end loop;

    insert into eventstore.events (position, stream_id, stream_version, event_id, event_type, data, metadata, recorded_at, hash)
    select u.pos, p_stream_id, u.ver, u.eid, u.typ, u.dat, u.met, v_now, u.hsh
    from unnest(v_positions, v_versions, p_event_ids, p_types, p_data, p_metadata, v_hashes)
         as u(pos, ver, eid, typ, dat, met, hsh);

    update eventstore.streams s
    set version = v_current + n, last_hash = v_hash, updated_at = v_now
    where s.stream_id = p_stream_id;

    return query select u.eid, u.ver, u.pos, v_now, false
                 from unnest(p_event_ids, v_versions, v_positions) as u(eid, ver, pos);
end;
$$;
