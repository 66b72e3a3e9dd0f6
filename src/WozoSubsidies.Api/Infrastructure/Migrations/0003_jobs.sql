-- Every run of a scheduled job (LIFECYCLE.md "Each run is visible through the API"): which node, when, how it ended,
-- and what it changed. Quartz keeps its own tables (qrtz_*, created by ProvisionSchema); this one is ours.
create table api.job_uitvoeringen (
    id            uuid primary key,
    job           text not null,
    aanleiding    text not null,          -- the trigger key, or "handmatig" with who asked for it
    knooppunt     text not null,          -- the Quartz instance id of the node that ran it
    gestart_op    timestamptz not null,
    beeindigd_op  timestamptz,
    uitkomst      text not null,          -- Bezig, Geslaagd, Mislukt, Onderbroken
    wijzigingen   jsonb not null default '{}',   -- {wijzigingen: [...], overgeslagen: [...]}
    fout          text,
    herstel_van   uuid                    -- the run a node died in, which this one finished (Quartz recovery)
);
create index job_uitvoeringen_job on api.job_uitvoeringen (job, gestart_op desc);

-- The beslistermijn check flags an aanvraag once per state it reaches (BijnaVerlopen, Verlopen): a second run of
-- the day finds the flag already there and changes nothing.
create table api.beslistermijn_signalen (
    aanvraag_id     uuid not null,
    termijn_status  text not null,
    beslistermijn   date not null,
    gesignaleerd_op timestamptz not null,
    uitvoering_id   uuid not null,
    primary key (aanvraag_id, termijn_status, beslistermijn)
);
