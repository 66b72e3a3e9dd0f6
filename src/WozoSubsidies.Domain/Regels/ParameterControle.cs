namespace WozoSubsidies.Domain.Regels;

/// <summary>Collects the inconsistencies of one rules version for <see cref="RegelParameters.Valideer"/>.
/// Field names in the messages are the JSON names, so a beheerder finds them in what was sent.</summary>
internal sealed class ParameterControle
{
    private readonly List<string> _fouten = [];

    public ParameterControle(RegelParameters parameters)
    {
        LijstNietLeeg(parameters.ToegestaneAanvragerTypen, "toegestaneAanvragerTypen");
    }

    public IReadOnlyList<string> Fouten => _fouten;

    public ParameterControle Als(bool fout, string melding)
    {
        if (fout)
        {
            _fouten.Add(melding);
        }

        return this;
    }

    public ParameterControle LijstNietLeeg(IReadOnlyList<string>? lijst, string veld) =>
        Als(lijst is null || lijst.Count == 0 || lijst.Any(string.IsNullOrWhiteSpace),
            $"{veld} moet minstens één waarde bevatten en geen lege waarden.")
        .Als(lijst is not null && lijst.Where(x => x is not null).Distinct(StringComparer.OrdinalIgnoreCase).Count() != lijst.Count(x => x is not null),
            $"{veld} bevat een waarde twee keer.");

    public ParameterControle Positief(decimal waarde, string veld) =>
        Als(waarde <= 0, $"{veld} moet groter zijn dan 0 (is {Regelhulp.Getal(waarde)}).");

    public ParameterControle Positief(int waarde, string veld) =>
        Als(waarde <= 0, $"{veld} moet groter zijn dan 0 (is {waarde}).");

    public ParameterControle NietNegatief(decimal waarde, string veld) =>
        Als(waarde < 0, $"{veld} mag niet negatief zijn (is {Regelhulp.Getal(waarde)}).");

    public ParameterControle NietNegatief(int waarde, string veld) =>
        Als(waarde < 0, $"{veld} mag niet negatief zijn (is {waarde}).");

    public ParameterControle Bereik(int minimum, int maximum, string veldMinimum, string veldMaximum) =>
        Als(minimum > maximum, $"{veldMinimum} ({minimum}) mag niet groter zijn dan {veldMaximum} ({maximum}).");
}
