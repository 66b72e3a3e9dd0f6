#!/usr/bin/env python3
"""Writes single.sql (3,000 one-event appends to 8 streams) and batch.sql (20 appends of 1,000 events) for
backend_cpu.sh: the same statements for every store variant, fresh event ids on every run (gen_random_uuid)."""
import json, random, uuid

random.seed(1)


def event(i):
    data = {"aanvraagId": str(uuid.uuid4()), "regeling": "IWO", "tijdvakId": str(uuid.uuid4()),
            "aanvrager": {"kvkNummer": "%08d" % i, "naam": "Woonstichting %d" % i, "type": "woningcorporatie"},
            "bedrag": 12345.67, "ingediendOp": "2026-11-23T01:00:00+00:00", "startdatum": "2026-12-01",
            "gegevens": {"woonvorm": {"aantalWoningen": 20, "bestemdVoor55Plus": True},
                         "jongeren": [{"geboortedatum": "2001-03-15", "huurkortingPerMaand": 200}] * 2}}
    meta = {"actorId": "user-%d" % i, "actorRole": "aanvrager", "correlationId": str(uuid.uuid4()),
            "causationId": None, "source": "IndienenAanvraag", "ruleVersion": "IWO/2"}
    return json.dumps(data), json.dumps(meta)


def literal(s):
    return "'" + s.replace("'", "''") + "'"


with open("single.sql", "w") as f:
    for i in range(3000):
        d, m = event(i)
        f.write("select * from eventstore.append('s-%d', 'aanvraag', -1, array[gen_random_uuid()], "
                "array['aanvraag-ingediend.v1'], array[%s::jsonb], array[%s::jsonb]);\n" % (i % 8, literal(d), literal(m)))

with open("batch.sql", "w") as f:
    for b in range(20):
        pairs = [event(i) for i in range(1000)]
        f.write("select count(*) from eventstore.append('b-%d', 'import', -1, "
                "(select array_agg(gen_random_uuid()) from generate_series(1, 1000)), "
                "array_fill('aanvraag-ingediend.v1'::text, array[1000]), array[%s], array[%s]);\n"
                % (b % 2, ",".join(literal(d) + "::jsonb" for d, _ in pairs), ",".join(literal(m) + "::jsonb" for _, m in pairs)))
