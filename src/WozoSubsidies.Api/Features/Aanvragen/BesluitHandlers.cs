using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Aanvragen;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <summary>What the decision handlers share.</summary>
internal static class BesluitHulp
{
    /// <summary>The first step of a behandelaar's decision: an aanvraag that is still Ingediend is taken in behandeling
    /// in the same unit (there is no separate endpoint for it; a decision implies it).</summary>
    public static Func<AanvraagState, AanvraagCommand?> InBehandeling(RequestContext context) =>
        s => s.Status == AanvraagStatus.Ingediend || s is { Status: AanvraagStatus.OpWachtlijst, StatusVoorWachtlijst: AanvraagStatus.Ingediend }
            ? new InBehandelingNemen(s.AanvraagId, context.Nu, context.Actor)
            : null;

    /// <summary>The aanvraag as it stands (cached in the unit of work) and the four-eyes threshold of its regeling.
    /// An unknown aanvraag gives the empty state: <see cref="AanvraagActie"/> then answers 404.</summary>
    public static async Task<(AanvraagState Aanvraag, decimal Drempel)> VoorBesluitAsync(Wijziging wijziging, Guid id, CancellationToken ct)
    {
        var (aanvraag, versie) = await wijziging.AanvraagAsync(id, ct);
        if (versie == 0)
        {
            return (aanvraag, 0m);
        }
        var (regeling, _) = await wijziging.RegelingAsync(aanvraag.RegelingCode, ct);
        return (aanvraag, regeling.VierOgenDrempel);
    }

    /// <summary>The aanvraag that holds the besluit (api.besluiten, written with the aanvraag's events), visible to the caller.</summary>
    public static Task<Guid> AanvraagVanBesluitAsync(NpgsqlDataSource db, AanvraagToegang toegang, Wijziging wijziging, Guid besluitId, CancellationToken ct) =>
        AanvraagVanAsync(db, toegang, wijziging, "select aanvraag_id from api.besluiten where besluit_id = $1", besluitId, "Besluit", ct);

    /// <summary>The aanvraag that holds the bezwaar (api.bezwaren), visible to the caller.</summary>
    public static Task<Guid> AanvraagVanBezwaarAsync(NpgsqlDataSource db, AanvraagToegang toegang, Wijziging wijziging, Guid bezwaarId, CancellationToken ct) =>
        AanvraagVanAsync(db, toegang, wijziging, "select aanvraag_id from api.bezwaren where bezwaar_id = $1", bezwaarId, "Bezwaar", ct);

    // Unknown, or held by an aanvraag the caller may not see: 404 naming only what the caller asked for.
    private static async Task<Guid> AanvraagVanAsync(
        NpgsqlDataSource db, AanvraagToegang toegang, Wijziging wijziging, string sql, Guid id, string wat, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        if (await cmd.ExecuteScalarAsync(ct) is not Guid aanvraagId)
        {
            throw ApiProblem.NietGevonden($"{wat} {id}");
        }
        try
        {
            await toegang.LaadZichtbaarAsync(wijziging, aanvraagId, ct);
        }
        catch (ApiProblem p) when (p.Status == StatusCodes.Status404NotFound)
        {
            throw ApiProblem.NietGevonden($"{wat} {id}");
        }
        return aanvraagId;
    }

    /// <summary>An id derived from the request's Idempotency-Key (the same key gives the same voorschot or bezwaar, so a
    /// retry that races the first is a no-op in the domain), or a new one without a key.</summary>
    public static Guid IdVoor(IdempotencyContext idempotency, string soort, Guid aanvraagId)
    {
        if (idempotency.Key is null)
        {
            return Guid.NewGuid();
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{soort}|{idempotency.Principal}|{idempotency.Key}|{aanvraagId:D}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}

// ---------------------------------------------------------------- beoordeling

public sealed record BeoordelenVerzoek(Guid Id, Advies? Advies, int? Score, string? Toelichting, long? IfMatch) : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class BeoordelenValidator : AbstractValidator<BeoordelenVerzoek>
{
    public BeoordelenValidator()
    {
        RuleFor(r => r.Advies).NotNull().WithMessage("advies is verplicht: Positief of Negatief.");
        RuleFor(r => r.Score).InclusiveBetween(0, 100).When(r => r.Score is not null).WithMessage("score ligt tussen 0 en 100.");
        RuleFor(r => r.Toelichting).MaximumLength(4000);
    }
}

/// <summary>The beoordeling. In a tender tijdvak a positive one needs a score (it ranks by score), and the beoordeling of the
/// last unassessed aanvraag of a closed tender ranks the tijdvak in the same unit (AanvraagActie, Toewijzing/Rangschikking.cs).</summary>
public sealed class BeoordelenHandler(AanvraagActie actie) : IRequestHandler<BeoordelenVerzoek, AanvraagDetail>
{
    public async Task<AanvraagDetail> Handle(BeoordelenVerzoek r, CancellationToken cancellationToken)
    {
        var (aanvraag, versie) = await actie.Wijziging.AanvraagAsync(r.Id, cancellationToken);
        var tender = versie > 0
            && (await actie.Wijziging.TijdvakAsync(aanvraag.TijdvakId, cancellationToken)).State.Verdeelmethode == Domain.Regelingen.Verdeelmethode.Rangschikking;
        return await actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "een aanvraag beoordelen", r.IfMatch,
            [
                BesluitHulp.InBehandeling(actie.Context),
                _ => new Beoordelen(r.Id, r.Advies!.Value, r.Score, r.Toelichting, actie.Context.Nu, actie.Context.Actor, ScoreVerplicht: tender),
            ],
            "AanvraagBeoordelen", cancellationToken);
    }
}

// ---------------------------------------------------------------- toekenning

public sealed record ToekennenVerzoek(Guid Id, decimal? Bedrag, long? IfMatch) : IRequest<BesluitUitkomst>, IRetryOnConflict;

public sealed class ToekennenValidator : AbstractValidator<ToekennenVerzoek>
{
    public ToekennenValidator() => RuleFor(r => r.Bedrag).Bedrag("bedrag");
}

public sealed class ToekennenHandler(AanvraagActie actie) : IRequestHandler<ToekennenVerzoek, BesluitUitkomst>
{
    public async Task<BesluitUitkomst> Handle(ToekennenVerzoek r, CancellationToken cancellationToken)
    {
        var (_, drempel) = await BesluitHulp.VoorBesluitAsync(actie.Wijziging, r.Id, cancellationToken);
        var besluitId = Guid.NewGuid();
        var detail = await actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "een subsidie toekennen", r.IfMatch,
            [
                BesluitHulp.InBehandeling(actie.Context),
                _ => new Toekennen(r.Id, besluitId, r.Bedrag!.Value, drempel, actie.Context.Nu, actie.Context.Actor),
            ],
            "AanvraagToekennen", cancellationToken);
        return new BesluitUitkomst(detail, BesluitInAfwachting.Van(detail, besluitId, drempel));
    }
}

// ---------------------------------------------------------------- afwijzing

public sealed record AfwijzenVerzoek(Guid Id, string? Reden, string? Toelichting, long? IfMatch) : IRequest<BesluitUitkomst>, IRetryOnConflict;

public sealed class AfwijzenValidator : AbstractValidator<AfwijzenVerzoek>
{
    public AfwijzenValidator()
    {
        RuleFor(r => r.Reden).NotEmpty().WithMessage("reden is verplicht.")
            .Must(r => r is null || AfwijzingsRedenen.Alle.Contains(r))
            .WithMessage($"reden is een van {string.Join(", ", AfwijzingsRedenen.Alle)}.");
        RuleFor(r => r.Toelichting).NotEmpty().WithMessage("toelichting is verplicht: een afwijzing wordt gemotiveerd (Awb 3:46).").MaximumLength(4000);
    }
}

public sealed class AfwijzenHandler(AanvraagActie actie) : IRequestHandler<AfwijzenVerzoek, BesluitUitkomst>
{
    public async Task<BesluitUitkomst> Handle(AfwijzenVerzoek r, CancellationToken cancellationToken)
    {
        var (_, drempel) = await BesluitHulp.VoorBesluitAsync(actie.Wijziging, r.Id, cancellationToken);
        var besluitId = Guid.NewGuid();
        var detail = await actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "een aanvraag afwijzen", r.IfMatch,
            [
                BesluitHulp.InBehandeling(actie.Context),
                _ => new Afwijzen(r.Id, besluitId, r.Reden!, r.Toelichting!, drempel, actie.Context.Nu, actie.Context.Actor),
            ],
            "AanvraagAfwijzen", cancellationToken);
        return new BesluitUitkomst(detail, BesluitInAfwachting.Van(detail, besluitId, drempel));
    }
}

// ---------------------------------------------------------------- four-eyes

public sealed record BesluitGoedkeurenVerzoek(Guid BesluitId, long? IfMatch) : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class BesluitGoedkeurenHandler(AanvraagActie actie, AanvraagToegang toegang, NpgsqlDataSource db)
    : IRequestHandler<BesluitGoedkeurenVerzoek, AanvraagDetail>
{
    public async Task<AanvraagDetail> Handle(BesluitGoedkeurenVerzoek r, CancellationToken cancellationToken)
    {
        var aanvraagId = await BesluitHulp.AanvraagVanBesluitAsync(db, toegang, actie.Wijziging, r.BesluitId, cancellationToken);
        // The effect on the tijdvak (ToekenningBoeken, BeslagVrijgeven, ToegekendVerlagen) follows from the events.
        return await actie.VoerUitAsync(aanvraagId, Rollen.Behandelaar, "een besluit goedkeuren", r.IfMatch,
            _ => new BesluitGoedkeuren(aanvraagId, r.BesluitId, actie.Context.Nu, actie.Context.Actor), "BesluitGoedkeuren", cancellationToken);
    }
}

public sealed record BesluitAfkeurenVerzoek(Guid BesluitId, string? Toelichting, long? IfMatch) : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class BesluitAfkeurenValidator : AbstractValidator<BesluitAfkeurenVerzoek>
{
    public BesluitAfkeurenValidator() =>
        RuleFor(r => r.Toelichting).NotEmpty().WithMessage("toelichting is verplicht: zeg waarom het besluit niet wordt goedgekeurd.").MaximumLength(4000);
}

public sealed class BesluitAfkeurenHandler(AanvraagActie actie, AanvraagToegang toegang, NpgsqlDataSource db)
    : IRequestHandler<BesluitAfkeurenVerzoek, AanvraagDetail>
{
    public async Task<AanvraagDetail> Handle(BesluitAfkeurenVerzoek r, CancellationToken cancellationToken)
    {
        var aanvraagId = await BesluitHulp.AanvraagVanBesluitAsync(db, toegang, actie.Wijziging, r.BesluitId, cancellationToken);
        return await actie.VoerUitAsync(aanvraagId, Rollen.Behandelaar, "een besluit afkeuren", r.IfMatch,
            _ => new BesluitAfkeuren(aanvraagId, r.BesluitId, r.Toelichting!, actie.Context.Nu, actie.Context.Actor), "BesluitAfkeuren", cancellationToken);
    }
}

public sealed record BesluitLezen(Guid BesluitId) : IRequest<BesluitDetail>;

public sealed class BesluitLezenHandler(Wijziging wijziging, AanvraagToegang toegang, NpgsqlDataSource db) : IRequestHandler<BesluitLezen, BesluitDetail>
{
    public async Task<BesluitDetail> Handle(BesluitLezen r, CancellationToken cancellationToken)
    {
        var aanvraagId = await BesluitHulp.AanvraagVanBesluitAsync(db, toegang, wijziging, r.BesluitId, cancellationToken);
        var (s, versie) = await wijziging.AanvraagAsync(aanvraagId, cancellationToken);
        if (s.OpenBesluit is { } open && open.BesluitId == r.BesluitId)
        {
            return new BesluitDetail(open.BesluitId, aanvraagId, BesluitInAfwachting.WachtOpGoedkeuring, open.Soort, open.Bedrag, open.Reden,
                open.VoorgesteldDoor.Id, null, open.VoorgesteldOp, null, versie);
        }
        if (s.Besluiten.Find(b => b.BesluitId == r.BesluitId) is { } b)
        {
            return new BesluitDetail(b.BesluitId, aanvraagId, "Genomen", b.Soort, b.Bedrag, b.Reden, b.Door.Id, b.GoedgekeurdDoor?.Id, b.GenomenOp, b.BezwaarId, versie);
        }
        // Registered when proposed, no longer pending and never taken: it was not approved.
        return new BesluitDetail(r.BesluitId, aanvraagId, "Vervallen", null, null, null, null, null, null, null, versie);
    }
}

// ---------------------------------------------------------------- vaststelling and intrekking

public sealed record VaststellenVerzoek(Guid Id, decimal? Bedrag, string? Toelichting, long? IfMatch) : IRequest<VaststellingUitkomst>, IRetryOnConflict;

public sealed class VaststellenValidator : AbstractValidator<VaststellenVerzoek>
{
    public VaststellenValidator()
    {
        RuleFor(r => r.Bedrag).Bedrag("bedrag", nulMag: true);
        RuleFor(r => r.Toelichting).MaximumLength(4000);
    }
}

public sealed class VaststellenHandler(AanvraagActie actie) : IRequestHandler<VaststellenVerzoek, VaststellingUitkomst>
{
    public async Task<VaststellingUitkomst> Handle(VaststellenVerzoek r, CancellationToken cancellationToken)
    {
        var (voor, drempel) = await BesluitHulp.VoorBesluitAsync(actie.Wijziging, r.Id, cancellationToken);
        var besluitId = Guid.NewGuid();
        var detail = await actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "een subsidie vaststellen", r.IfMatch,
            _ => new Vaststellen(r.Id, besluitId, r.Bedrag!.Value, r.Toelichting, drempel, actie.Context.Nu, actie.Context.Actor),
            "SubsidieVaststellen", cancellationToken);
        if (BesluitInAfwachting.Van(detail, besluitId, drempel) is { } wacht)
        {
            return new VaststellingUitkomst(null, wacht);
        }
        // The same sums as the domain's SubsidieVastgesteld / TerugvorderingVastgesteld (Awb 4:46, 4:57).
        var vastgesteld = r.Bedrag!.Value;
        var betaald = voor.NettoBetaald;
        return new VaststellingUitkomst(
            new VaststellingAntwoord(besluitId, voor.Toegekend, vastgesteld, voor.BetaaldeVoorschotten, Math.Max(0m, vastgesteld - betaald),
                Math.Max(0m, betaald - vastgesteld), voor.Toegekend - vastgesteld, detail),
            null);
    }
}

public sealed record ToekenningIntrekkenVerzoek(Guid Id, decimal? Bedrag, string? Reden, long? IfMatch) : IRequest<BesluitUitkomst>, IRetryOnConflict;

public sealed class ToekenningIntrekkenValidator : AbstractValidator<ToekenningIntrekkenVerzoek>
{
    public ToekenningIntrekkenValidator()
    {
        RuleFor(r => r.Bedrag).Bedrag("bedrag");
        RuleFor(r => r.Reden).NotEmpty().WithMessage("reden is verplicht: een intrekking wordt gemotiveerd (Awb 3:46).").MaximumLength(4000);
    }
}

public sealed class ToekenningIntrekkenHandler(AanvraagActie actie) : IRequestHandler<ToekenningIntrekkenVerzoek, BesluitUitkomst>
{
    public async Task<BesluitUitkomst> Handle(ToekenningIntrekkenVerzoek r, CancellationToken cancellationToken)
    {
        var (_, drempel) = await BesluitHulp.VoorBesluitAsync(actie.Wijziging, r.Id, cancellationToken);
        var besluitId = Guid.NewGuid();
        var detail = await actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "een toekenning intrekken", r.IfMatch,
            _ => new ToekenningIntrekken(r.Id, besluitId, r.Bedrag!.Value, r.Reden!, drempel, actie.Context.Nu, actie.Context.Actor),
            "ToekenningIntrekken", cancellationToken);
        return new BesluitUitkomst(detail, BesluitInAfwachting.Van(detail, besluitId, drempel));
    }
}
