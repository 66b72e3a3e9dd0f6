using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Tijdvakken;

public static class TijdvakkenEndpoints
{
    public static IServiceCollection AddTijdvakkenFeatures(this IServiceCollection services) => services
        .AddHandler<TijdvakkenVanRegeling, IReadOnlyList<TijdvakSamenvatting>, TijdvakkenVanRegelingHandler>()
        .AddHandler<TijdvakLezen, TijdvakDetail, TijdvakLezenHandler>()
        .AddHandler<TijdvakPlannenVerzoek, TijdvakDetail, TijdvakPlannenHandler>()
        .AddHandler<BudgetplafondWijzigenVerzoek, TijdvakDetail, BudgetplafondWijzigenHandler>()
        .AddHandler<TijdvakSluitenVerzoek, TijdvakDetail, TijdvakSluitenHandler>()
        .AddHandler<HerverdelenVerzoek, HerverdelingUitkomst, HerverdelenHandler>();

    public static IEndpointRouteBuilder MapTijdvakken(this IEndpointRouteBuilder app)
    {
        var regeling = app.MapGroup("/api/regelingen/{code}/tijdvakken").WithTags("Tijdvakken");
        regeling.MapGet("", async Task<Ok<IReadOnlyList<TijdvakSamenvatting>>> (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new TijdvakkenVanRegeling(code), ct)))
            .RequireAuthorization(Beleid.Iedereen)
            .WithName("TijdvakkenVanRegeling").WithSummary("De tijdvakken van een regeling met hun budget.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        regeling.MapPost("", async Task<Created<TijdvakDetail>> (string code, TijdvakPlannenBody body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var detail = await sender.Send(new TijdvakPlannenVerzoek(code, body), ct);
                http.SetETag(detail.Versie);
                return TypedResults.Created($"/api/tijdvakken/{detail.Id}", detail);
            })
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("TijdvakPlannen").WithSummary("Een tijdvak plannen (beheerder); opent het vandaag of eerder, dan neemt het meteen aanvragen aan.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var tijdvak = app.MapGroup("/api/tijdvakken/{id:guid}").WithTags("Tijdvakken");
        tijdvak.MapGet("", async Task<Ok<TijdvakDetail>> (Guid id, HttpContext http, ISender sender, CancellationToken ct, [FromQuery] DateTimeOffset? asOf = null) =>
            {
                var detail = await sender.Send(new TijdvakLezen(id, asOf), ct);
                http.SetETag(detail.Versie);
                return TypedResults.Ok(detail);
            })
            .RequireAuthorization(Beleid.Iedereen)
            .WithName("TijdvakLezen").WithSummary("Eén tijdvak met zijn budget (plafond, beslag, toegekend, vrijgevallen, beschikbaar, wachtlijst); ?asOf= zoals het toen was.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        tijdvak.MapPut("/budgetplafond", async Task<Ok<TijdvakDetail>> (Guid id, BudgetplafondBody body, HttpContext http, ISender sender, CancellationToken ct) =>
                Antwoord(http, await sender.Send(new BudgetplafondWijzigenVerzoek(id, body.Bedrag, body.Reden, http.IfMatch()), ct)))
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("BudgetplafondWijzigen").WithSummary("Het plafond verhogen (de wachtlijst schuift meteen op) of verlagen (nooit onder beslag + toegekend). Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        tijdvak.MapPost("/sluiting", async Task<Ok<TijdvakDetail>> (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                Antwoord(http, await sender.Send(new TijdvakSluitenVerzoek(id, http.IfMatch()), ct)))
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("TijdvakSluiten").WithSummary("Het tijdvak nu sluiten: elke nog open dag wordt afgesloten (met loting waar nodig); een tender wordt gerangschikt zodra alle aanvragen beoordeeld zijn (nogmaals sluiten rangschikt een gesloten tender alsnog). Accepteert If-Match.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        tijdvak.MapPost("/herverdeling", async Task<Ok<HerverdelingUitkomst>> (Guid id, HerverdelingBody? body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new HerverdelenVerzoek(id, body?.Bedrag), ct)))
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("Herverdelen").WithSummary("Onbesteed budget verplaatsen volgens de regeling: naar het volgende tijdvak, elders, of de programmareserve.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static Ok<TijdvakDetail> Antwoord(HttpContext http, TijdvakDetail detail)
    {
        http.SetETag(detail.Versie);
        return TypedResults.Ok(detail);
    }

    internal static async Task<TijdvakState> LaadAsync(Wijziging w, Guid id, long? ifMatch, CancellationToken ct)
    {
        var (state, versie) = await w.TijdvakAsync(id, ct);
        if (versie == 0)
        {
            throw ApiProblem.NietGevonden($"Tijdvak {id}");
        }
        if (ifMatch is { } pinned && pinned != versie)
        {
            throw ApiProblem.VersieConflict(versie, Versions.ETag(pinned));
        }
        return state;
    }
}

public sealed record TijdvakkenVanRegeling(string Code) : IRequest<IReadOnlyList<TijdvakSamenvatting>>;

public sealed class TijdvakkenVanRegelingHandler(NpgsqlDataSource db) : IRequestHandler<TijdvakkenVanRegeling, IReadOnlyList<TijdvakSamenvatting>>
{
    public async Task<IReadOnlyList<TijdvakSamenvatting>> Handle(TijdvakkenVanRegeling r, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand(
            """
            select t.id, t.naam, t.opent, t.sluit, t.status, t.plafond, t.beslag, t.toegekend, t.vrijgevallen, t.wachtlijst,
                   exists (select 1 from api.regelingen g where g.code = $1)
            from (select 1) one left join api.tijdvakken t on t.regeling_code = $1 order by t.opent, t.naam
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = r.Code });
        var lijst = new List<TijdvakSamenvatting>();
        var bestaat = false;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bestaat = reader.GetBoolean(10);
            if (reader.IsDBNull(0))
            {
                continue;
            }
            decimal? plafond = reader.IsDBNull(5) ? null : reader.GetDecimal(5);
            var beslag = reader.GetDecimal(6);
            var toegekend = reader.GetDecimal(7);
            lijst.Add(new TijdvakSamenvatting(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3),
                reader.GetString(4), new TijdvakBudget(plafond, beslag, toegekend, reader.GetDecimal(8), Math.Max(0, (plafond ?? 0) - beslag - toegekend), reader.GetInt32(9))));
        }
        return bestaat ? lijst : throw ApiProblem.NietGevonden($"Regeling {r.Code}");
    }
}

public sealed record TijdvakLezen(Guid Id, DateTimeOffset? AsOf) : IRequest<TijdvakDetail>;

public sealed class TijdvakLezenHandler(Aggregates aggregates) : IRequestHandler<TijdvakLezen, TijdvakDetail>
{
    public async Task<TijdvakDetail> Handle(TijdvakLezen r, CancellationToken cancellationToken)
    {
        var loaded = await aggregates.TijdvakAsync(r.Id, cancellationToken, r.AsOf);
        return loaded.Exists ? TijdvakDetail.From(loaded.State, loaded.Version) : throw ApiProblem.NietGevonden($"Tijdvak {r.Id}");
    }
}

public sealed record TijdvakPlannenVerzoek(string Code, TijdvakPlannenBody Body) : IRequest<TijdvakDetail>;

public sealed class TijdvakPlannenValidator : AbstractValidator<TijdvakPlannenVerzoek>
{
    public TijdvakPlannenValidator()
    {
        RuleFor(r => r.Body.Naam).NotEmpty().MaximumLength(200).OverridePropertyName("naam");
        RuleFor(r => r.Body.Sluit).GreaterThanOrEqualTo(r => r.Body.Opent).OverridePropertyName("sluit").WithMessage("sluit ligt op of na opent.");
        RuleFor(r => r.Body.Opent).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)).OverridePropertyName("opent");
        RuleFor(r => r.Body.Sluit).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)).OverridePropertyName("sluit");
        RuleFor(r => r.Body.Budgetplafond).GreaterThan(0).LessThan(1_000_000_000_000m).When(r => r.Body.Budgetplafond is not null)
            .OverridePropertyName("budgetplafond").WithMessage("budgetplafond ligt tussen 0 en 10^12 euro.");
        RuleForEach(r => r.Body.Uitnodigingen).Matches("^([0-9]{8}|[0-9]{20})$").OverridePropertyName("uitnodigingen")
            .WithMessage("een uitnodiging is een KvK-nummer (8 cijfers) of OIN (20 cijfers).");
    }
}

public sealed class TijdvakPlannenHandler(Wijziging w, RequestContext context) : IRequestHandler<TijdvakPlannenVerzoek, TijdvakDetail>
{
    public async Task<TijdvakDetail> Handle(TijdvakPlannenVerzoek r, CancellationToken cancellationToken)
    {
        var (regeling, versie) = await w.RegelingAsync(r.Code, cancellationToken);
        if (versie == 0)
        {
            throw ApiProblem.NietGevonden($"Regeling {r.Code}");
        }
        var b = r.Body;
        var id = Guid.NewGuid();
        await w.RegelingAsync(new TijdvakAanmelden(r.Code, id, b.Naam, b.Opent, b.Sluit, b.Budgetplafond, context.Nu, context.Actor), cancellationToken);
        await w.TijdvakAsync(new TijdvakPlannen(id, r.Code, b.Naam, b.Opent, b.Sluit, b.Budgetplafond, b.Verdeelmethode ?? regeling.Verdeelmethode,
            b.Regels ?? TijdvakRegels.Geen, b.Uitnodigingen ?? [], context.Nu, context.Actor, b.HerverdelingOp), cancellationToken);
        // API.md: a tijdvak whose opent is today or earlier accepts aanvragen at once.
        if (b.Opent <= Amsterdam.Dag(context.Nu) && b.Budgetplafond is not null && context.Nu < Amsterdam.EindeVan(b.Sluit))
        {
            await w.TijdvakAsync(new TijdvakOpenen(id, context.Nu, context.Actor), cancellationToken);
        }
        await w.OpslaanAsync("TijdvakPlannen", cancellationToken);
        var (state, tijdvakVersie) = await w.TijdvakAsync(id, cancellationToken);
        return TijdvakDetail.From(state, tijdvakVersie);
    }
}

public sealed record BudgetplafondWijzigenVerzoek(Guid Id, decimal Bedrag, string Reden, long? IfMatch) : IRequest<TijdvakDetail>, IRetryOnConflict;

public sealed class BudgetplafondWijzigenValidator : AbstractValidator<BudgetplafondWijzigenVerzoek>
{
    public BudgetplafondWijzigenValidator()
    {
        RuleFor(r => r.Bedrag).GreaterThan(0).LessThan(1_000_000_000_000m).WithMessage("bedrag ligt tussen 0 en 10^12 euro.");
        RuleFor(r => r.Reden).NotEmpty().MaximumLength(2000);
    }
}

public sealed class BudgetplafondWijzigenHandler(Wijziging w, RequestContext context, NpgsqlDataSource db)
    : IRequestHandler<BudgetplafondWijzigenVerzoek, TijdvakDetail>
{
    public async Task<TijdvakDetail> Handle(BudgetplafondWijzigenVerzoek r, CancellationToken cancellationToken)
    {
        var state = await TijdvakkenEndpoints.LaadAsync(w, r.Id, r.IfMatch, cancellationToken);
        await w.DagenAfsluitenAsync(r.Id, db, cancellationToken);
        // The regeling checks its total budget (SZGW: €312m over all tranches) before the tijdvak takes the new plafond.
        await w.RegelingAsync(new TijdvakPlafondRegistreren(state.RegelingCode, r.Id, r.Bedrag, context.Nu, context.Actor), cancellationToken);
        await w.TijdvakAsync(new BudgetplafondWijzigen(r.Id, r.Bedrag, r.Reden, context.Nu, context.Actor), cancellationToken);
        await w.OpslaanAsync("BudgetplafondWijzigen", cancellationToken);
        var (na, versie) = await w.TijdvakAsync(r.Id, cancellationToken);
        return TijdvakDetail.From(na, versie);
    }
}

public sealed record TijdvakSluitenVerzoek(Guid Id, long? IfMatch) : IRequest<TijdvakDetail>, IRetryOnConflict;

public sealed class TijdvakSluitenHandler(Wijziging w, RequestContext context, NpgsqlDataSource db) : IRequestHandler<TijdvakSluitenVerzoek, TijdvakDetail>
{
    public async Task<TijdvakDetail> Handle(TijdvakSluitenVerzoek r, CancellationToken cancellationToken)
    {
        var tijdvak = await TijdvakkenEndpoints.LaadAsync(w, r.Id, r.IfMatch, cancellationToken);
        // Every day still waiting is settled at closing, today included (LIFECYCLE.md: the lottery is drawn when the
        // day is over or the tijdvak closes, whichever comes first). A tender has no days: it ranks.
        var dagen = tijdvak.Verdeelmethode == Verdeelmethode.VolgordeVanBinnenkomst && tijdvak.Status == TijdvakStatus.Open
            ? await Wijziging.WachtendeDagenAsync(db, r.Id, Amsterdam.EindeVan(Amsterdam.Dag(context.Nu)), cancellationToken)
            : [];
        await w.TijdvakAsync(new TijdvakSluiten(r.Id, dagen, context.Nu, w.Door, Vervroegd: true), cancellationToken);
        // LIFECYCLE.md jobs "tijdvak sluiten": runs the ranking for tender tijdvakken, once all are assessed; closing a closed
        // tender again ranks it then (Toewijzing/Rangschikking.cs; the last beoordeling does too).
        await w.RangschikAlsAllesBeoordeeldAsync(r.Id, db, cancellationToken);
        await w.OpslaanAsync("TijdvakSluiten", cancellationToken);
        var (na, versie) = await w.TijdvakAsync(r.Id, cancellationToken);
        return TijdvakDetail.From(na, versie);
    }
}

public sealed record HerverdelenVerzoek(Guid Id, decimal? Bedrag) : IRequest<HerverdelingUitkomst>, IRetryOnConflict;

public sealed class HerverdelenValidator : AbstractValidator<HerverdelenVerzoek>
{
    public HerverdelenValidator() =>
        RuleFor(r => r.Bedrag).GreaterThan(0).LessThan(1_000_000_000_000m).When(r => r.Bedrag is not null).WithMessage("bedrag ligt tussen 0 en 10^12 euro.");
}

public sealed class HerverdelenHandler(Wijziging w, RequestContext context) : IRequestHandler<HerverdelenVerzoek, HerverdelingUitkomst>
{
    public async Task<HerverdelingUitkomst> Handle(HerverdelenVerzoek r, CancellationToken cancellationToken)
    {
        var state = await TijdvakkenEndpoints.LaadAsync(w, r.Id, null, cancellationToken);
        var (regeling, _) = await w.RegelingAsync(state.RegelingCode, cancellationToken);
        var bedrag = r.Bedrag ?? Math.Max(0, state.Beschikbaar);
        if (bedrag == 0)
        {
            // Nothing unspent: a second run changes nothing (LIFECYCLE.md jobs are idempotent).
            return new HerverdelingUitkomst(0, null, TijdvakDetail.From(state, (await w.TijdvakAsync(r.Id, cancellationToken)).Versie), null);
        }
        var herverdelingId = Guid.NewGuid();
        Guid? ontvanger = null;
        Budgetrekening bestemming = regeling.Herverdelingsbeleid switch
        {
            Herverdelingsbeleid.VolgendeTijdvak => Regeling.VolgendTijdvak(regeling, r.Id) is { } volgend
                ? new Budgetrekening.AnderTijdvak((ontvanger = volgend.TijdvakId).Value)
                : throw new ApiProblem(409, "geen-volgend-tijdvak", $"{regeling.Code} heeft geen tijdvak na {state.Naam} om het budget naar over te boeken."),
            Herverdelingsbeleid.Elders e => new Budgetrekening.Elders(e.Bestemming),
            _ => new Budgetrekening.Programmareserve(),
        };
        await w.TijdvakAsync(new BudgetOverboeken(r.Id, herverdelingId, bestemming, bedrag, context.Nu, context.Actor), cancellationToken);
        await w.RegelingAsync(new TijdvakPlafondRegistreren(regeling.Code, r.Id, (await w.TijdvakAsync(r.Id, cancellationToken)).State.Plafond ?? 0, context.Nu, context.Actor), cancellationToken);
        if (ontvanger is { } naar)
        {
            await w.TijdvakAsync(new BudgetInboeken(naar, herverdelingId, new Budgetrekening.AnderTijdvak(r.Id), bedrag, context.Nu, context.Actor), cancellationToken);
            await w.RegelingAsync(new TijdvakPlafondRegistreren(regeling.Code, naar, (await w.TijdvakAsync(naar, cancellationToken)).State.Plafond ?? 0, context.Nu, context.Actor), cancellationToken);
        }
        await w.OpslaanAsync("Herverdelen", cancellationToken);
        var (na, versie) = await w.TijdvakAsync(r.Id, cancellationToken);
        TijdvakDetail? ontvangerDetail = null;
        if (ontvanger is { } o)
        {
            var (s, v) = await w.TijdvakAsync(o, cancellationToken);
            ontvangerDetail = TijdvakDetail.From(s, v);
        }
        return new HerverdelingUitkomst(bedrag, bestemming, TijdvakDetail.From(na, versie), ontvangerDetail);
    }
}
