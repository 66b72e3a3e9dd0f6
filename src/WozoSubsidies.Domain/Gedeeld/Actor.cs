namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>Who gave a command: the subject id from the token and the role it acted in
/// (e.g. "beheerder", "behandelaar", "aanvrager", or "systeem" for a job). Events carry it so an auditor
/// sees who decided (LIFECYCLE.md: every transition carries who).</summary>
public sealed record Actor(string Id, string Rol)
{
    /// <summary>The scheduler acting on its own (a job with no user behind it).</summary>
    public static Actor Systeem { get; } = new("systeem", "systeem");
}
