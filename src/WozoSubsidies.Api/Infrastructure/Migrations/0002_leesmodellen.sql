-- Read models updated in the append transaction (inline): a client that got a 2xx reads its own write.
-- Each row is derived from the aggregate's state after the append, so a rebuild folds each stream again.
create table api.regelingen (
    code           text primary key,
    naam           text not null,
    uitvoerder     text not null,
    verdeelmethode text not null,
    beeindigd_per  date,
    versie         bigint not null
);

create table api.tijdvakken (
    id            uuid primary key,
    regeling_code text not null,
    naam          text not null,
    opent         date not null,
    sluit         date not null,
    status        text not null,
    plafond       numeric(16, 2),
    beslag        numeric(16, 2) not null,
    toegekend     numeric(16, 2) not null,
    vrijgevallen  numeric(16, 2) not null,
    wachtlijst    int not null,
    versie        bigint not null
);
create index tijdvakken_regeling on api.tijdvakken (regeling_code, opent);

create table api.aanvragen (
    id                 uuid primary key,
    regeling_code      text not null,
    tijdvak_id         uuid not null,
    uitvoerder         text not null,
    status             text not null,
    aanvrager_kvk      text not null,
    aanvrager_naam     text not null,
    ontvangen_op       timestamptz not null,
    compleet_op        timestamptz,
    aangevraagd_bedrag numeric(16, 2) not null,
    toegekend_bedrag   numeric(16, 2),
    wacht_op_plaatsing boolean not null,
    versie             bigint not null
);
create index aanvragen_regeling on api.aanvragen (regeling_code, ontvangen_op, id);
create index aanvragen_tijdvak on api.aanvragen (tijdvak_id, ontvangen_op, id);
create index aanvragen_aanvrager on api.aanvragen (aanvrager_kvk, ontvangen_op, id);
create index aanvragen_wachtend on api.aanvragen (tijdvak_id, compleet_op) where wacht_op_plaatsing;

-- Besluiten and bezwaren are addressed by their own id in the API (/api/besluiten/{id}, /api/bezwaren/{id}).
create table api.besluiten (
    besluit_id uuid primary key,
    aanvraag_id uuid not null
);
create table api.bezwaren (
    bezwaar_id uuid primary key,
    aanvraag_id uuid not null
);
