namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>
/// Calendar days in Europe/Amsterdam. Dates in the regelingen (tijdvak open/close, the day of complete
/// receipt that orders aanvragen) are Dutch calendar days, while commands carry an absolute moment
/// (<c>Nu</c>). Reading the tz database is not application I/O and not a clock: the same input gives the same day.
/// </summary>
public static class Amsterdam
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The Dutch calendar day that <paramref name="moment"/> falls on.</summary>
    public static DateOnly Dag(DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Zone).DateTime);

    /// <summary>00:00 in Amsterdam at the start of <paramref name="dag"/>. Midnight is never skipped or
    /// repeated here (the clocks change at 02:00/03:00), so this is always one well-defined moment.</summary>
    public static DateTimeOffset BeginVan(DateOnly dag)
    {
        var lokaal = dag.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(lokaal, Zone.GetUtcOffset(lokaal));
    }

    /// <summary>The first moment after <paramref name="dag"/> (exclusive end): a window that closes
    /// "on" a date closes at the end of that Dutch day (LIFECYCLE.md jobs: "end of the close date").</summary>
    public static DateTimeOffset EindeVan(DateOnly dag) => BeginVan(dag.AddDays(1));
}
