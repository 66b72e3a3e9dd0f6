using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WozoSubsidies.Api.Infrastructure.Auth;

/// <summary>The roles of API.md, as they appear in the <c>role</c> claim.</summary>
public static class Rollen
{
    public const string Aanvrager = "aanvrager";
    public const string Behandelaar = "behandelaar";
    public const string Auditor = "auditor";
    public const string Beheerder = "beheerder";
    public static readonly IReadOnlyList<string> Alle = [Aanvrager, Behandelaar, Auditor, Beheerder];
}

/// <summary>Authorization policies, one per "who" column of API.md.</summary>
public static class Beleid
{
    public const string Auditor = "auditor";
    public const string Beheerder = "beheerder";
    public const string Behandelaar = "behandelaar";
    public const string Aanvrager = "aanvrager";
    public const string Iedereen = "iedereen";
    public const string Rapportage = "rapportage";
    public const string Jobs = "jobs";
    public const string AanvraagLezer = "aanvraag-lezer";
}

/// <summary>Bearer tokens: an OIDC authority in production (Auth:Authority, Auth:Audience), or HS256 tokens signed with
/// Auth:SigningKey for local runs and tests (issuer wozo-subsidies, audience wozo-api). Without either the service
/// refuses to start (API.md), so it can never run open by accident.</summary>
public static class AuthSetup
{
    public const string Issuer = "wozo-subsidies";
    public const string Audience = "wozo-api";

    public static IServiceCollection AddWozoAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var authority = configuration["Auth:Authority"];
        var signingKey = configuration["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(authority) && string.IsNullOrWhiteSpace(signingKey))
        {
            throw new InvalidOperationException(
                "Set Auth__Authority (an OIDC authority) or Auth__SigningKey (HS256, at least 32 characters). ./deploy/run.sh creates a local signing key.");
        }
        if (string.IsNullOrWhiteSpace(authority) && Encoding.UTF8.GetByteCount(signingKey!) < 32)
        {
            throw new InvalidOperationException("Auth__SigningKey must be at least 32 characters (256 bits) for HS256.");
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = "sub",
                RoleClaimType = "role",
                ValidAudience = configuration["Auth:Audience"] ?? Audience,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrWhiteSpace(authority))
            {
                o.Authority = authority;
                o.Audience = configuration["Auth:Audience"] ?? Audience;
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = Issuer;
                o.TokenValidationParameters.IssuerSigningKey = Key(signingKey!);
                o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Beleid.Auditor, p => p.RequireRole(Rollen.Auditor))
            .AddPolicy(Beleid.Beheerder, p => p.RequireRole(Rollen.Beheerder))
            .AddPolicy(Beleid.Behandelaar, p => p.RequireRole(Rollen.Behandelaar).RequireClaim("uitvoerder"))
            .AddPolicy(Beleid.Aanvrager, p => p.RequireRole(Rollen.Aanvrager).RequireClaim("org"))
            .AddPolicy(Beleid.Iedereen, p => p.RequireRole(Rollen.Alle))
            .AddPolicy(Beleid.Rapportage, p => p.RequireRole(Rollen.Behandelaar, Rollen.Auditor, Rollen.Beheerder))
            .AddPolicy(Beleid.Jobs, p => p.RequireRole(Rollen.Beheerder, Rollen.Auditor))
            .AddPolicy(Beleid.AanvraagLezer, p => p.RequireRole(Rollen.Aanvrager, Rollen.Behandelaar, Rollen.Auditor));
        return services;
    }

    public static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    /// <summary>Mints an HS256 token as the local set-up and the tests use them.</summary>
    public static string MintToken(string signingKey, string subject, string role, IReadOnlyDictionary<string, string>? claims = null, TimeSpan? lifetime = null)
    {
        var all = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role };
        foreach (var (k, v) in claims ?? new Dictionary<string, string>())
        {
            all[k] = v;
        }
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = all,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(Key(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }

    public static string? Claim(this ClaimsPrincipal user, string type) => user.FindFirst(type)?.Value;
}
