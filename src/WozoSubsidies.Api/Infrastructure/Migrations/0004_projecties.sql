-- Async projections (src/WozoSubsidies.Api/Projections): each keeps its position in the log here, written in the same
-- transaction as its rows, so a projection never applies an event twice or skips one after a crash or a takeover.
create table api.projectie_posities (
    naam          text primary key,
    positie       bigint not null default 0,
    bijgewerkt_op timestamptz not null default now()
);

-- The last rebuild of each read model, readable from every node (POST/GET /api/audit/projecties/{naam}/herbouw).
create table api.projectie_herbouw (
    naam          text primary key,
    status        text not null,
    node          text not null,
    gestart_op    timestamptz not null,
    beeindigd_op  timestamptz,
    events_gedaan bigint not null default 0,
    events_totaal bigint not null default 0,
    fout          text
);

-- A rebuild writes into copies of the live tables here and moves them into api when it has caught up.
create schema if not exists projecties_herbouw;

-- The utilisation report (benutting), per regeling, year and tijdvak, folded from the log by the async projection
-- "benutting". One row per tijdvak and one per aanvraag, each aanvraag in exactly one category, so that per tijdvak
-- requested = granted + pending + refused + withdrawn holds by construction (Resultaatmonitor 001:2104).
-- Columns are nullable because a batch upserts only what its events changed (null = unchanged).
create table api.benutting_tijdvakken (
    tijdvak_id    uuid primary key,
    regeling_code text,
    naam          text,
    opent         date,
    sluit         date,
    plafond       numeric(16, 2)
);
create index benutting_tijdvakken_regeling on api.benutting_tijdvakken (regeling_code, opent);

create table api.benutting_aanvragen (
    aanvraag_id   uuid primary key,
    tijdvak_id    uuid,
    categorie     text,
    aangevraagd   numeric(16, 2),
    toegekend     numeric(16, 2)
);
create index benutting_aanvragen_tijdvak on api.benutting_aanvragen (tijdvak_id);
