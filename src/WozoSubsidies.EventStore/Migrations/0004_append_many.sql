-- A set-based append for many streams in one call (docs/benchmarks.md, "Set-based append"): closing a tijdvak appends one
-- event to each of thousands of streams, and one eventstore.append call per stream cost ~0.9 ms of PostgreSQL CPU each.
-- The semantics are eventstore.append's (0003), stream by stream: idempotency by event id first (recognised by each
-- stream's first id), the expected version checked under the stream's row lock (WZ001), positions in the transaction's
-- range continuing after earlier appends in it, recorded_at read after the locks, and the same hash chain bytes.
--   p_stream_ids, p_stream_types, p_expected: one entry per stream (distinct streams, each with at least one event)
--   p_event_streams, p_event_ids, p_types, p_data, p_metadata: one entry per event, grouped by stream in stream_id order
--     (collate "C", as the client sorts them ordinally), each stream's events in order. Positions follow this order.
-- Answers per event its stream, version, position, recorded_at and whether it was already stored (an idempotent retry).
create function eventstore.append_many(
    p_stream_ids text[], p_stream_types text[], p_expected bigint[],
    p_event_streams text[], p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[])
returns table (out_stream_id text, out_event_id uuid, out_stream_version bigint, out_position bigint,
               out_recorded_at timestamptz, out_duplicate boolean)
language plpgsql as $$
#variable_conflict use_column
declare
    n           int := coalesce(array_length(p_event_ids, 1), 0);
    v_dups      text[] := '{}';
    v_partial   text;
    v_elsewhere text;
    v_conflict  record;
    v_xid       bigint;
    v_base      bigint;
    v_now       timestamptz;
    v_micros    text;
begin
    if n = 0 then
        return;
    end if;
    if (select count(distinct u.sid) from unnest(p_stream_ids) as u(sid)) <> array_length(p_stream_ids, 1) then
        raise exception 'each stream may appear only once in an append' using errcode = '22023';
    end if;

    -- Idempotency before the version check, as in append: one index probe per stream (its first event id); only the
    -- streams whose first id is stored have all their ids counted.
    select coalesce(array_agg(f.sid), '{}') into v_dups
    from (select u.sid, u.id, lag(u.sid) over (order by u.ord) as prev
          from unnest(p_event_streams, p_event_ids) with ordinality as u(sid, id, ord)) f
    where f.prev is distinct from f.sid
      and exists (select 1 from eventstore.events e where e.event_id = f.id);

    if cardinality(v_dups) > 0 then
        select c.sid into v_partial
        from (select u.sid, count(*) as total, count(e.event_id) as stored
              from unnest(p_event_streams, p_event_ids) as u(sid, id)
              left join eventstore.events e on e.event_id = u.id
              where u.sid = any(v_dups)
              group by u.sid) c
        where c.stored <> c.total
        limit 1;
        if found then
            raise exception 'some event ids of stream % already stored', v_partial using errcode = 'WZ002';
        end if;
        select u.sid into v_elsewhere
        from unnest(p_event_streams, p_event_ids) as u(sid, id)
        join eventstore.events e on e.event_id = u.id
        where u.sid = any(v_dups) and e.stream_id <> u.sid
        limit 1;
        if found then
            raise exception 'event ids already stored in another stream than %', v_elsewhere using errcode = 'WZ002';
        end if;
        return query select e.stream_id, e.event_id, e.stream_version, e.position, e.recorded_at, true
                     from unnest(p_event_streams, p_event_ids) as u(sid, id)
                     join eventstore.events e on e.event_id = u.id
                     where u.sid = any(v_dups);
        if cardinality(v_dups) = cardinality(p_stream_ids) then
            return;
        end if;
        -- The rest of the batch goes on without the streams already done (rare: a retry re-sends the whole batch).
        select array_agg(u.sid order by u.ord), array_agg(u.typ order by u.ord), array_agg(u.exp order by u.ord)
        into p_stream_ids, p_stream_types, p_expected
        from unnest(p_stream_ids, p_stream_types, p_expected) with ordinality as u(sid, typ, exp, ord)
        where u.sid <> all(v_dups);
        select array_agg(u.sid order by u.ord), array_agg(u.id order by u.ord), array_agg(u.typ order by u.ord),
               array_agg(u.dat order by u.ord), array_agg(u.met order by u.ord)
        into p_event_streams, p_event_ids, p_types, p_data, p_metadata
        from unnest(p_event_streams, p_event_ids, p_types, p_data, p_metadata) with ordinality as u(sid, id, typ, dat, met, ord)
        where u.sid <> all(v_dups);
        n := array_length(p_event_ids, 1);
    end if;

    -- Lock every stream row in stream_id order (collate "C": the order in which the client sends the streams of a
    -- multi-stream append to eventstore.append), existing or new alike, in one pass, so a bulk append and other
    -- appends on overlapping streams cannot deadlock. ON CONFLICT DO UPDATE ... WHERE false locks an existing row
    -- without writing it; a missing row is inserted at version 0 (a concurrent creator's insert is waited for, and its
    -- row then locked). Rows are processed in the SELECT's order.
    insert into eventstore.streams as s (stream_id, stream_type, version)
    select u.sid, u.typ, 0
    from unnest(p_stream_ids, p_stream_types) as u(sid, typ)
    order by u.sid collate "C"
    on conflict on constraint streams_pkey do update set version = s.version where false;

    -- The expected version, checked under the locks. A stream created here is at 0, as append sees a missing one.
    select u.sid, s.version, u.exp into v_conflict
    from unnest(p_stream_ids, p_expected) as u(sid, exp)
    join eventstore.streams s on s.stream_id = u.sid
    where u.exp >= 0 and s.version <> u.exp
    order by u.sid collate "C"
    limit 1;
    if found then
        raise exception 'stream % is at version %, expected %', v_conflict.sid, v_conflict.version, v_conflict.exp
            using errcode = 'WZ001';
    end if;

    v_xid := pg_current_xact_id()::text::bigint;
    select coalesce(max(e.position) + 1, v_xid << 20) into v_base
    from eventstore.events e
    where e.position >= (v_xid << 20) and e.position < ((v_xid + 1) << 20);
    if v_base + n > ((v_xid + 1) << 20) then
        raise exception 'more than % events in one transaction', 1 << 20 using errcode = 'WZ003';
    end if;

    -- The database clock, read after all the locks, so recorded_at never goes back within a stream.
    v_now := clock_timestamp();
    v_micros := ((extract(epoch from v_now) * 1000000)::bigint)::text;

    -- The hash chain per stream, one level per event index within the streams (one level when each stream gets one
    -- event). The hashed text is append's (0003), byte for byte, and so eventstore.event_content's.
    return query
    with recursive ev as (
        select u.sid, u.eid, u.typ, u.dat, u.met, v_base + u.ord - 1 as pos,
               row_number() over (partition by u.sid order by u.ord) as k
        from unnest(p_event_streams, p_event_ids, p_types, p_data, p_metadata) with ordinality as u(sid, eid, typ, dat, met, ord)
    ),
    chain as (
        select ev.sid, ev.k, ev.eid, ev.typ, ev.dat, ev.met, ev.pos, s.version + 1 as ver,
               sha256(coalesce(s.last_hash, ''::bytea) || convert_to(
                   ev.sid || E'\n' || (s.version + 1)::text || E'\n' || ev.pos::text || E'\n' || ev.eid::text
                   || E'\n' || ev.typ || E'\n' || ev.dat::text || E'\n' || ev.met::text || E'\n' || v_micros,
                   'UTF8')) as hsh
        from ev join eventstore.streams s on s.stream_id = ev.sid
        where ev.k = 1
        union all
        select ev.sid, ev.k, ev.eid, ev.typ, ev.dat, ev.met, ev.pos, c.ver + 1,
               sha256(c.hsh || convert_to(
                   ev.sid || E'\n' || (c.ver + 1)::text || E'\n' || ev.pos::text || E'\n' || ev.eid::text
                   || E'\n' || ev.typ || E'\n' || ev.dat::text || E'\n' || ev.met::text || E'\n' || v_micros,
                   'UTF8'))
        from chain c join ev on ev.sid = c.sid and ev.k = c.k + 1
    ),
    heads as (
        update eventstore.streams s
        set version = h.ver, last_hash = h.hsh, updated_at = v_now
        from (select distinct on (c.sid) c.sid, c.ver, c.hsh from chain c order by c.sid, c.k desc) h
        where s.stream_id = h.sid
    )
    insert into eventstore.events as e (position, stream_id, stream_version, event_id, event_type, data, metadata, recorded_at, hash)
    select c.pos, c.sid, c.ver, c.eid, c.typ, c.dat, c.met, v_now, c.hsh
    from chain c
    returning e.stream_id, e.event_id, e.stream_version, e.position, e.recorded_at, false;
end;
$$;
