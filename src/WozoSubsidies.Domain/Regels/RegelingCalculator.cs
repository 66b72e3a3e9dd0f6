namespace WozoSubsidies.Domain.Regels;

/// <summary>The shared frame of every calculator: checks that gegevens and parameters belong to this regeling,
/// checks the aanvrager type, lets the regeling judge its own rules and rounds the amount.</summary>
/// <remarks>Public only because the sealed calculators derive from it; callers use <see cref="IRegelingCalculator"/>.</remarks>
public abstract class RegelingCalculator<TGegevens, TParameters> : IRegelingCalculator
    where TGegevens : AanvraagGegevens
    where TParameters : RegelParameters
{
    public abstract string RegelingCode { get; }

    public Beoordeling Beoordeel(AanvraagGegevens gegevens, AanvraagContext context)
    {
        ArgumentNullException.ThrowIfNull(gegevens);
        ArgumentNullException.ThrowIfNull(context);
        if (gegevens is not TGegevens eigenGegevens)
        {
            throw new ArgumentException(
                $"Gegevens van regeling {gegevens.RegelingCode} kunnen niet worden beoordeeld door de calculator van {RegelingCode}.",
                nameof(gegevens));
        }

        if (context.Parameters is not TParameters parameters)
        {
            throw new ArgumentException(
                $"Parameters van regeling {context.Parameters?.RegelingCode ?? "(geen)"} horen niet bij {RegelingCode}.",
                nameof(context));
        }

        var overtredingen = new List<RegelOvertreding>();
        if (!Regelhulp.Bevat(parameters.ToegestaneAanvragerTypen, context.AanvragerType))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.AanvragerTypeNietToegestaan,
                $"Een aanvrager van het type '{context.AanvragerType}' kan geen aanvraag doen voor {RegelingCode}; "
                + $"toegestaan zijn: {Regelhulp.Opsomming(parameters.ToegestaneAanvragerTypen ?? [])}."));
        }

        var bedrag = Beoordeel(eigenGegevens, parameters, context.TijdvakRegels ?? TijdvakRegels.Geen, context, overtredingen);

        // The requested amount is never negative: a negative input is a violation, not a negative claim on the budget.
        return new Beoordeling(Regelhulp.Rond(Math.Max(0m, bedrag)), overtredingen);
    }

    /// <summary>Adds a RegelOvertreding for every broken rule and returns the requested amount (unrounded).</summary>
    protected abstract decimal Beoordeel(
        TGegevens gegevens,
        TParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen);
}
