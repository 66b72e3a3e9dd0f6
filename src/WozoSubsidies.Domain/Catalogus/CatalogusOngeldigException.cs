namespace WozoSubsidies.Domain.Catalogus;

/// <summary>The catalogue file is not valid. <see cref="Fouten"/> holds one Dutch sentence per problem, each
/// starting with the entry it concerns ("IWO, tijdvak 'Tijdvak 2': ..."); the message lists them all, so a
/// broken file is fixed in one pass rather than one error per start.</summary>
public sealed class CatalogusOngeldigException : Exception
{
    public CatalogusOngeldigException(IReadOnlyList<string> fouten)
        : base("De catalogus is ongeldig:" + Environment.NewLine + string.Join(Environment.NewLine, fouten.Select(f => "- " + f)))
    {
        Fouten = fouten;
    }

    public CatalogusOngeldigException()
        : this("De catalogus is ongeldig.")
    {
    }

    public CatalogusOngeldigException(string message)
        : base(message)
    {
        Fouten = [message];
    }

    public CatalogusOngeldigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Fouten = [message];
    }

    public IReadOnlyList<string> Fouten { get; }
}
