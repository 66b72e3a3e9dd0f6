namespace WozoSubsidies.Api.Infrastructure.Auth;

/// <summary><c>WozoSubsidies.Api token &lt;rol&gt; [--sub S] [--org KVK] [--uitvoerder U] [--uren N]</c>: prints a local
/// HS256 token (deploy/token.sh calls it). Only for the signing-key set-up; production tokens come from the OIDC authority.</summary>
public static class TokenCommand
{
    public static bool IsToken(string[] args) => args.Length > 0 && args[0] == "token";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var key = Environment.GetEnvironmentVariable("Auth__SigningKey");
        if (args.Length < 2 || !Rollen.Alle.Contains(args[1]))
        {
            error.WriteLine($"usage: token <{string.Join('|', Rollen.Alle)}> [--sub S] [--org KVK] [--uitvoerder DUS-I|RVO|ZonMw|VWS|zorgkantoor] [--uren N]");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(key))
        {
            error.WriteLine("Auth__SigningKey is not set.");
            return 2;
        }
        var role = args[1];
        var claims = new Dictionary<string, string>();
        var subject = $"lokaal-{role}";
        var hours = 8;
        for (var i = 2; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--sub": subject = args[i + 1]; break;
                case "--org": claims["org"] = args[i + 1]; break;
                case "--uitvoerder": claims["uitvoerder"] = args[i + 1]; break;
                case "--uren" when int.TryParse(args[i + 1], out var h) && h is > 0 and <= 24 * 30: hours = h; break;
                default:
                    error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }
        if (role == Rollen.Aanvrager && !claims.ContainsKey("org"))
        {
            claims["org"] = "12345678";
        }
        if (role == Rollen.Behandelaar && !claims.ContainsKey("uitvoerder"))
        {
            claims["uitvoerder"] = "DUS-I";
        }
        output.WriteLine(AuthSetup.MintToken(key, subject, role, claims, TimeSpan.FromHours(hours)));
        return 0;
    }
}
