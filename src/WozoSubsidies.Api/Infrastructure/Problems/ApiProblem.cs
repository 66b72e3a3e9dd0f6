namespace WozoSubsidies.Api.Infrastructure.Problems;

/// <summary>A client-facing refusal that is not a business rule: not found, no access, a stale version.
/// Thrown by handlers and turned into a problem by <see cref="WozoExceptionHandler"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "Read as a problem response, which is what it becomes.")]
public sealed class ApiProblem(int status, string code, string detail) : Exception(detail)
{
    public ApiProblem() : this(500, "interne-fout", "") { }
    public ApiProblem(string message) : this(500, "interne-fout", message) { }
    public ApiProblem(string message, Exception inner) : this(500, "interne-fout", message) => _ = inner;

    public int Status { get; } = status;
    public string Code { get; } = code;

    public static ApiProblem NietGevonden(string wat) => new(404, "niet-gevonden", $"{wat} bestaat niet of is niet zichtbaar voor u.");
    public static ApiProblem GeenToegang(string detail) => new(403, "geen-toegang", detail);
    public static ApiProblem VersieConflict(long huidig, string gevraagd) =>
        new(412, "versie-conflict", $"De versie is nu \"{huidig}\", niet {gevraagd}: lees opnieuw en probeer het nog eens.");
    public static ApiProblem Ongeldig(string detail) => new(400, "validatie", detail);
}
