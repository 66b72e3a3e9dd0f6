using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Aanvragen;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <summary>Who may see and act on an aanvraag (API.md): the aanvrager of its own organisation, a behandelaar of the
/// regeling's uitvoerder, an auditor (reading only). Anyone else gets 404, not 403: the aanvraag's existence is not theirs to know.</summary>
public sealed class AanvraagToegang(RequestContext context)
{
    public async Task<(AanvraagState State, long Versie)> LaadZichtbaarAsync(Wijziging wijziging, Guid id, CancellationToken ct)
    {
        var (state, versie) = await wijziging.AanvraagAsync(id, ct);
        if (versie == 0)
        {
            throw ApiProblem.NietGevonden($"Aanvraag {id}");
        }
        var (regeling, _) = await wijziging.RegelingAsync(state.RegelingCode, ct);
        EisZichtbaar(state, ReadModels.UitvoerderNaam(regeling.Uitvoerder));
        return (state, versie);
    }

    public void EisZichtbaar(AanvraagState state, string uitvoerder)
    {
        var zichtbaar = context.Rol switch
        {
            Rollen.Auditor => true,
            Rollen.Behandelaar => context.Uitvoerder == uitvoerder,
            Rollen.Aanvrager => context.Org is not null && context.Org == state.Aanvrager?.KvkNummer,
            _ => false,
        };
        if (!zichtbaar)
        {
            throw ApiProblem.NietGevonden($"Aanvraag {state.AanvraagId}");
        }
    }

    /// <summary>The role that may perform this action; a visible aanvraag acted on by another role is 403.</summary>
    public void EisRol(string rol, string handeling)
    {
        if (context.Rol != rol)
        {
            throw ApiProblem.GeenToegang($"Alleen een {rol} mag {handeling}.");
        }
    }
}
