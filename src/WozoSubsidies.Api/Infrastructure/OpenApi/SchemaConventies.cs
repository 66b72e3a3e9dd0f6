using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>Schema ids: the type's name, prefixed with its base when it is a case of a closed hierarchy nested in that
/// base (Herverdelingsbeleid.Elders and Budgetrekening.Elders are both "Elders"), generic arguments spelled out.</summary>
public static class SchemaIds
{
    public static string Voor(Type type)
    {
        var naam = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Join("And", type.GetGenericArguments().Select(Voor))
            : type.Name;
        return type.DeclaringType is { } omvattend && type.IsSubclassOf(omvattend) ? Voor(omvattend) + naam : naam;
    }
}

/// <summary>The JSON conventions of API.md in the schemas: money and other decimals are exact numbers
/// (<c>type: number, format: decimal</c>, never a float); dates are <c>format: date</c> (Swashbuckle's default
/// for DateOnly); enums are strings (Swashbuckle follows the JsonStringEnumConverter of the host).</summary>
public sealed class DecimaalSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema s && (Nullable.GetUnderlyingType(context.Type) ?? context.Type) == typeof(decimal))
        {
            s.Format = "decimal";
        }
    }
}

/// <summary>A type with <see cref="JsonPolymorphicAttribute"/> and <see cref="JsonDerivedTypeAttribute"/>s is written with its
/// discriminator ("regeling", "soort"): its schema becomes a <c>oneOf</c> of the derived types with a
/// <c>discriminator</c> mapping, and every derived schema gets the discriminator property (a one-value enum). The property is
/// required: System.Text.Json always writes it, and a discriminator cannot read a property a value may omit.</summary>
public sealed class PolymorfieSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema s || context.MemberInfo is not null || context.ParameterInfo is not null)
        {
            return;
        }

        if (Discriminator(context.Type) is { } eigen && eigen.Afgeleid.Count > 0)
        {
            MaakOneOf(s, context, eigen);
        }

        for (var basis = context.Type.BaseType; basis is not null && basis != typeof(object); basis = basis.BaseType)
        {
            if (Discriminator(basis) is { } hierarchie && hierarchie.Afgeleid.FirstOrDefault(a => a.Type == context.Type) is { } dit)
            {
                s.Properties ??= new Dictionary<string, IOpenApiSchema>();
                var eerst = new Dictionary<string, IOpenApiSchema>
                {
                    [hierarchie.Naam] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = [dit.Waarde],
                        Description = $"Het soort: bepaalt de vorm van dit object ({dit.Waarde}).",
                    },
                };
                foreach (var (naam, eigenschap) in s.Properties.Where(p => p.Key != hierarchie.Naam))
                {
                    eerst[naam] = eigenschap;
                }
                s.Properties = eerst;
                s.Required ??= new SortedSet<string>(StringComparer.Ordinal);
                s.Required.Add(hierarchie.Naam);
                return;
            }
        }
    }

    private static void MaakOneOf(OpenApiSchema s, SchemaFilterContext context, Hierarchie hierarchie)
    {
        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        var oneOf = new List<IOpenApiSchema>();
        foreach (var afgeleid in hierarchie.Afgeleid)
        {
            var referentie = context.SchemaGenerator.GenerateSchema(afgeleid.Type, context.SchemaRepository);
            oneOf.Add(referentie);
            if (referentie is OpenApiSchemaReference r)
            {
                mapping[afgeleid.Waarde] = r;
            }
        }
        s.Type = null;
        s.Properties = null;
        s.Required = null;
        s.AdditionalPropertiesAllowed = true;
        s.AdditionalProperties = null;
        s.OneOf = oneOf;
        s.Discriminator = new OpenApiDiscriminator { PropertyName = hierarchie.Naam, Mapping = mapping };
    }

    private sealed record Afgeleid(Type Type, string Waarde);

    private sealed record Hierarchie(string Naam, IReadOnlyList<Afgeleid> Afgeleid);

    private static Hierarchie? Discriminator(Type type)
    {
        if (type.GetCustomAttribute<JsonPolymorphicAttribute>(inherit: false) is not { } polymorf)
        {
            return null;
        }
        var afgeleid = type.GetCustomAttributes<JsonDerivedTypeAttribute>(inherit: false)
            .Where(a => a.TypeDiscriminator is not null)
            .Select(a => new Afgeleid(a.DerivedType, Convert.ToString(a.TypeDiscriminator, CultureInfo.InvariantCulture)!))
            .ToList();
        return new Hierarchie(polymorf.TypeDiscriminatorPropertyName ?? "$type", afgeleid);
    }
}
