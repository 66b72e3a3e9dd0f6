namespace WozoSubsidies.Api.Infrastructure.Scheduling;

/// <summary>The system clock moved by a fixed offset read at start (<c>Klok:Verschuiving</c>, e.g. "-01:30:00").
/// For tests that run several service processes and need "just before midnight" without waiting for it; the scheduler
/// and the handlers read the same clock, so triggers fire at the moments the handlers see. Unset in production:
/// then the service uses <see cref="TimeProvider.System"/> itself.</summary>
public sealed class VerschovenTijd(TimeSpan verschuiving) : TimeProvider
{
    public const string Instelling = "Klok:Verschuiving";

    public TimeSpan Verschuiving { get; } = verschuiving;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Verschuiving;

    public static TimeProvider Uit(IConfiguration configuration)
    {
        var waarde = configuration[Instelling];
        if (string.IsNullOrWhiteSpace(waarde))
        {
            return System;
        }
        return TimeSpan.TryParse(waarde, global::System.Globalization.CultureInfo.InvariantCulture, out var verschuiving)
            ? new VerschovenTijd(verschuiving)
            : throw new InvalidOperationException($"{Instelling} is not a time span (for example -01:30:00): '{waarde}'.");
    }
}
