using FluentValidation;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Domain.Aanvragen;

namespace WozoSubsidies.Api.Features.Aanvragen;

public sealed record IntrekkenBody(string? Toelichting);

public sealed record AanvraagIntrekken(Guid Id, string? Toelichting, long? IfMatch) : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class AanvraagIntrekkenValidator : AbstractValidator<AanvraagIntrekken>
{
    public AanvraagIntrekkenValidator() => RuleFor(r => r.Toelichting).MaximumLength(4000);
}

public sealed class AanvraagIntrekkenHandler(AanvraagActie actie) : IRequestHandler<AanvraagIntrekken, AanvraagDetail>
{
    public Task<AanvraagDetail> Handle(AanvraagIntrekken r, CancellationToken cancellationToken) =>
        actie.VoerUitAsync(r.Id, Rollen.Aanvrager, "een aanvraag intrekken", r.IfMatch,
            _ => new Intrekken(r.Id, r.Toelichting, actie.Context.Nu, actie.Context.Actor), "AanvraagIntrekken", cancellationToken);
}

/// <param name="Omschrijving">What is missing, in words the aanvrager understands.</param>
/// <param name="TermijnDagen">Days to supply it (Awb 4:5); default 14.</param>
public sealed record AanvullingsverzoekBody(string Omschrijving, int? TermijnDagen);

public sealed record AanvullingVragenVerzoek(Guid Id, string Omschrijving, int? TermijnDagen, long? IfMatch) : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class AanvullingVragenValidator : AbstractValidator<AanvullingVragenVerzoek>
{
    public AanvullingVragenValidator()
    {
        RuleFor(r => r.Omschrijving).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.TermijnDagen).InclusiveBetween(1, 365).When(r => r.TermijnDagen is not null);
    }
}

public sealed class AanvullingVragenHandler(AanvraagActie actie) : IRequestHandler<AanvullingVragenVerzoek, AanvraagDetail>
{
    public Task<AanvraagDetail> Handle(AanvullingVragenVerzoek r, CancellationToken cancellationToken) =>
        actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "om een aanvulling vragen", r.IfMatch,
            _ => new AanvullingVragen(r.Id, r.Omschrijving, actie.Context.Nu, actie.Context.Actor, r.TermijnDagen ?? Aanvraag.StandaardAanvullingstermijnDagen),
            "AanvullingVragen", cancellationToken);
}

public sealed record AanvullingBody(string Toelichting);

public sealed record AanvullingAanleverenVerzoek(Guid Id, string Toelichting, long? IfMatch) : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class AanvullingAanleverenValidator : AbstractValidator<AanvullingAanleverenVerzoek>
{
    public AanvullingAanleverenValidator() => RuleFor(r => r.Toelichting).NotEmpty().MaximumLength(4000);
}

public sealed class AanvullingAanleverenHandler(AanvraagActie actie) : IRequestHandler<AanvullingAanleverenVerzoek, AanvraagDetail>
{
    public async Task<AanvraagDetail> Handle(AanvullingAanleverenVerzoek r, CancellationToken cancellationToken)
    {
        // The aanvulling completes the aanvraag today: it is judged by the rules version in force today.
        var (aanvraag, _) = await actie.Wijziging.AanvraagAsync(r.Id, cancellationToken);
        var (regeling, _) = await actie.Wijziging.RegelingAsync(aanvraag.RegelingCode, cancellationToken);
        var (tijdvak, _) = await actie.Wijziging.TijdvakAsync(aanvraag.TijdvakId, cancellationToken);
        var regels = Domain.Regelingen.Regeling.RegelsOp(regeling, Domain.Gedeeld.Amsterdam.Dag(actie.Context.Nu));
        return await actie.VoerUitAsync(r.Id, Rollen.Aanvrager, "een aanvulling aanleveren", r.IfMatch,
            _ => new AanvullingAanleveren(r.Id, r.Toelichting, actie.Context.Nu, actie.Context.Actor,
                regels?.Versie, regels?.Parameters, tijdvak.Regels),
            "AanvullingAanleveren", cancellationToken);
    }
}
