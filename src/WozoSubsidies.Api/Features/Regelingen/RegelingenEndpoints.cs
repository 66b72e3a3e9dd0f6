using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Features.Regelingen;

public static class RegelingenEndpoints
{
    public static IServiceCollection AddRegelingenFeatures(this IServiceCollection services) => services
        .AddHandler<CatalogusLezen, IReadOnlyList<RegelingSamenvatting>, CatalogusLezenHandler>()
        .AddHandler<RegelingLezen, RegelingDetail, RegelingLezenHandler>()
        .AddHandler<RegelingInstellenVerzoek, RegelingDetail, RegelingInstellenHandler>()
        .AddHandler<RegelsVaststellenVerzoek, RegelingDetail, RegelsVaststellenHandler>()
        .AddHostedService<CatalogusLader>();

    public static IEndpointRouteBuilder MapRegelingen(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/regelingen").WithTags("Regelingen");

        group.MapGet("", async Task<Ok<IReadOnlyList<RegelingSamenvatting>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CatalogusLezen(), ct)))
            .RequireAuthorization(Beleid.Iedereen)
            .WithName("CatalogusLezen").WithSummary("De catalogus: alle regelingen.")
            .ProducesProblem(401).ProducesProblem(403);

        group.MapGet("/{code}", async Task<Ok<RegelingDetail>> (string code, HttpContext http, ISender sender, CancellationToken ct,
                [FromQuery] DateTimeOffset? asOf = null) =>
            {
                var detail = await sender.Send(new RegelingLezen(code, asOf), ct);
                http.SetETag(detail.Versie);
                return TypedResults.Ok(detail);
            })
            .RequireAuthorization(Beleid.Iedereen)
            .WithName("RegelingLezen").WithSummary("Eén regeling met haar huidige regels, alle regelversies en tijdvakken; ?asOf= toont haar zoals zij toen was.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        group.MapPost("", async Task<Created<RegelingDetail>> (RegelingInstellenVerzoek verzoek, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var detail = await sender.Send(verzoek, ct);
                http.SetETag(detail.Versie);
                return TypedResults.Created($"/api/regelingen/{detail.Code}", detail);
            })
            .RequireAuthorization(Beleid.Beheerder).WithIdempotency()
            .WithName("RegelingInstellen").WithSummary("Een nieuwe regeling (beheerder), met haar eerste regelversie.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);

        group.MapPut("/{code}/regels", async Task<Ok<RegelingDetail>> (string code, RegelsVaststellenBody body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var detail = await sender.Send(new RegelsVaststellenVerzoek(code, body.Ingangsdatum, body.Parameters, http.IfMatch()), ct);
                http.SetETag(detail.Versie);
                return TypedResults.Ok(detail);
            })
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("RegelsVaststellen").WithSummary("Een nieuwe regelversie met haar ingangsdatum (beheerder). Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return app;
    }

    /// <summary>The regeling's parameters JSON, typed by its code (the discriminator is added when absent).</summary>
    internal static RegelParameters LeesParameters(string code, JsonElement parameters)
    {
        if (!RegelingCalculators.IsBekend(code))
        {
            throw new ApiProblem(422, "regeling-onbekend", $"Voor regeling '{code}' bestaat geen rekenregel; bekend zijn: {string.Join(", ", RegelingCodes.Alle)}.");
        }
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblem.Ongeldig("parameters moet een JSON-object zijn.");
        }
        RegelParameters gelezen;
        try
        {
            gelezen = RegelsJson.LeesParameters(code, parameters);
        }
        catch (JsonException e)
        {
            throw new ApiProblem(400, "validatie", $"De parameters passen niet bij regeling {code}: {e.Message}");
        }
        var fouten = gelezen.Valideer();
        if (fouten.Count > 0)
        {
            throw new ApiProblem(422, "parameters-ongeldig", string.Join(" ", fouten));
        }
        return gelezen;
    }
}

public sealed record CatalogusLezen : IRequest<IReadOnlyList<RegelingSamenvatting>>;

public sealed class CatalogusLezenHandler(NpgsqlDataSource db) : IRequestHandler<CatalogusLezen, IReadOnlyList<RegelingSamenvatting>>
{
    public async Task<IReadOnlyList<RegelingSamenvatting>> Handle(CatalogusLezen request, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand("select code, naam, uitvoerder, verdeelmethode, beeindigd_per from api.regelingen order by code");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<RegelingSamenvatting>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new RegelingSamenvatting(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                Enum.Parse<Verdeelmethode>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4)));
        }
        return list;
    }
}

public sealed record RegelingLezen(string Code, DateTimeOffset? AsOf) : IRequest<RegelingDetail>;

public sealed class RegelingLezenHandler(Aggregates aggregates, RequestContext context) : IRequestHandler<RegelingLezen, RegelingDetail>
{
    public async Task<RegelingDetail> Handle(RegelingLezen request, CancellationToken cancellationToken)
    {
        var loaded = await aggregates.RegelingAsync(request.Code, cancellationToken, request.AsOf);
        if (!loaded.Exists)
        {
            throw ApiProblem.NietGevonden($"Regeling {request.Code}");
        }
        return RegelingDetail.From(loaded.State, Amsterdam.Dag(request.AsOf ?? context.Nu), loaded.Version);
    }
}

/// <param name="Code">Upper-case code, e.g. IWO; one of the regelingen that have a calculator.</param>
/// <param name="Uitvoerder">DUS-I, RVO, ZonMw, VWS or zorgkantoor.</param>
/// <param name="Regels">The first rules version: ingangsdatum and the regeling's parameters.</param>
public sealed record RegelingInstellenVerzoek(
    string Code,
    string Naam,
    string Uitvoerder,
    Verdeelmethode Verdeelmethode,
    IReadOnlyList<string> AanvragerTypen,
    int? BeslistermijnWeken,
    decimal VierOgenDrempel,
    HerverdelingDto? Herverdeling,
    decimal? TotaalBudget,
    RegelsVaststellenBody Regels) : IRequest<RegelingDetail>;

public sealed record RegelsVaststellenBody(DateOnly Ingangsdatum, JsonElement Parameters);

public sealed class RegelingInstellenValidator : AbstractValidator<RegelingInstellenVerzoek>
{
    public RegelingInstellenValidator()
    {
        RuleFor(r => r.Code).NotEmpty().Matches("^[A-Z][A-Z0-9-]{1,19}$").WithMessage("code bestaat uit 2 tot 20 hoofdletters, cijfers of streepjes.");
        RuleFor(r => r.Naam).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Uitvoerder).Must(u => Uitvoerders.Parse(u) is not null).WithMessage("uitvoerder is DUS-I, RVO, ZonMw, VWS of zorgkantoor.");
        RuleFor(r => r.AanvragerTypen).NotEmpty().WithMessage("noem minstens één aanvragertype.");
        RuleFor(r => r.BeslistermijnWeken).InclusiveBetween(1, 52).When(r => r.BeslistermijnWeken is not null);
        RuleFor(r => r.VierOgenDrempel).GreaterThanOrEqualTo(0).LessThan(1_000_000_000_000m).WithMessage("vierOgenDrempel moet tussen 0 en 10^12 liggen.");
        RuleFor(r => r.TotaalBudget).GreaterThan(0).LessThan(1_000_000_000_000m).When(r => r.TotaalBudget is not null);
        RuleFor(r => r.Regels).NotNull();
    }
}

public static class Uitvoerders
{
    public static Uitvoerder? Parse(string? naam) => naam switch
    {
        "DUS-I" => Uitvoerder.DusI,
        "RVO" => Uitvoerder.Rvo,
        "ZonMw" => Uitvoerder.ZonMw,
        "VWS" => Uitvoerder.Vws,
        "zorgkantoor" => Uitvoerder.Zorgkantoor,
        _ => null,
    };
}

public sealed class RegelingInstellenHandler(Aggregates aggregates, EventWriter writer, RequestContext context, IdempotencyContext idempotency,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IRequestHandler<RegelingInstellenVerzoek, RegelingDetail>
{
    public async Task<RegelingDetail> Handle(RegelingInstellenVerzoek r, CancellationToken cancellationToken)
    {
        var parameters = RegelingenEndpoints.LeesParameters(r.Code, r.Regels.Parameters);
        var loaded = await aggregates.RegelingAsync(r.Code, cancellationToken);
        if (loaded.Exists)
        {
            throw new ApiProblem(409, "regeling-bestaat-al", $"Regeling {r.Code} bestaat al.");
        }
        var instellen = new RegelingInstellen(r.Code, r.Naam, Uitvoerders.Parse(r.Uitvoerder)!.Value, r.Verdeelmethode, r.AanvragerTypen,
            r.Herverdeling?.ToDomain() ?? Herverdelingsbeleid.Standaard, r.VierOgenDrempel, r.TotaalBudget, context.Nu, context.Actor,
            r.BeslistermijnWeken ?? Regeling.StandaardBeslistermijnWeken);
        var events = Regeling.Decide(instellen, loaded.State).ToList();
        var state = events.Aggregate(loaded.State, Regeling.Evolve);
        var regels = Regeling.Decide(new RegelsVaststellen(r.Code, 1, r.Regels.Ingangsdatum, parameters, context.Nu, context.Actor), state);
        events.AddRange(regels);
        state = regels.Aggregate(state, Regeling.Evolve);

        var versie = events.Count;
        var detail = RegelingDetail.From(state, Amsterdam.Dag(context.Nu), versie);
        idempotency.Response = new StoredResponse(201, $"/api/regelingen/{r.Code}", JsonSerializer.Serialize(detail, json.Value.SerializerOptions));
        await writer.AppendAsync(
            [Aggregates.Append(loaded, "regeling", events, context.Metadata("RegelingInstellen", "1"))],
            (ctx, ct) => ReadModels.UpsertRegelingAsync(ctx.Connection, ctx.Transaction, state, versie, ct),
            cancellationToken);
        return detail;
    }
}

public sealed record RegelsVaststellenVerzoek(string Code, DateOnly Ingangsdatum, JsonElement Parameters, long? IfMatch) : IRequest<RegelingDetail>;

public sealed class RegelsVaststellenHandler(Aggregates aggregates, EventWriter writer, RequestContext context)
    : IRequestHandler<RegelsVaststellenVerzoek, RegelingDetail>
{
    public async Task<RegelingDetail> Handle(RegelsVaststellenVerzoek r, CancellationToken cancellationToken)
    {
        var loaded = await aggregates.RegelingAsync(r.Code, cancellationToken);
        if (!loaded.Exists)
        {
            throw ApiProblem.NietGevonden($"Regeling {r.Code}");
        }
        if (r.IfMatch is { } pinned && pinned != loaded.Version)
        {
            throw ApiProblem.VersieConflict(loaded.Version, Versions.ETag(pinned));
        }
        var parameters = RegelingenEndpoints.LeesParameters(r.Code, r.Parameters);
        var versieNummer = loaded.State.Versies.Count == 0 ? 1 : loaded.State.Versies.Max(v => v.Versie) + 1;
        var events = Regeling.Decide(new RegelsVaststellen(r.Code, versieNummer, r.Ingangsdatum, parameters, context.Nu, context.Actor), loaded.State);
        var state = events.Aggregate(loaded.State, Regeling.Evolve);
        var versie = loaded.Version + events.Count;
        await writer.AppendAsync(
            [Aggregates.Append(loaded, "regeling", events, context.Metadata("RegelsVaststellen", versieNummer.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            (ctx, ct) => ReadModels.UpsertRegelingAsync(ctx.Connection, ctx.Transaction, state, versie, ct),
            cancellationToken);
        return RegelingDetail.From(state, Amsterdam.Dag(context.Nu), versie);
    }
}
