using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace WozoSubsidies.Domain.Tests.Specificatie;

/// <summary>Structural equality and printing for events: records compare by value, but a record holding an
/// ImmutableList compares the list by reference. This compares sequences element by element and records property by property.</summary>
public static class Structuur
{
    public static bool Gelijk(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (a is string || b is string || a.GetType().IsPrimitive || a is decimal || a is DateOnly || a is DateTimeOffset || a is DateTime || a is Guid || a is Enum)
        {
            return a.Equals(b);
        }

        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var la = ea.Cast<object?>().ToList();
            var lb = eb.Cast<object?>().ToList();
            return la.Count == lb.Count && la.Zip(lb).All(p => Gelijk(p.First, p.Second));
        }

        if (a.GetType() != b.GetType())
        {
            return false;
        }

        if (a.Equals(b))
        {
            return true;
        }

        var eigenschappen = Eigenschappen(a.GetType());
        return eigenschappen.Length > 0 && eigenschappen.All(p => Gelijk(p.GetValue(a), p.GetValue(b)));
    }

    public static string Toon(object? waarde)
    {
        var sb = new StringBuilder();
        Schrijf(sb, waarde, 0);
        return sb.ToString();
    }

    private static void Schrijf(StringBuilder sb, object? waarde, int diepte)
    {
        switch (waarde)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append('"').Append(s).Append('"');
                return;
            case IFormattable f when waarde.GetType().IsPrimitive || waarde is decimal || waarde is DateOnly || waarde is DateTimeOffset || waarde is DateTime || waarde is Guid || waarde is Enum:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IEnumerable e:
                var items = e.Cast<object?>().ToList();
                if (diepte > 0 && items.Count > 12)
                {
                    sb.Append('[');
                    foreach (var item in items.Take(10))
                    {
                        Schrijf(sb, item, diepte + 1);
                        sb.Append(", ");
                    }

                    sb.Append(CultureInfo.InvariantCulture, $"… ({items.Count} in all)]");
                    return;
                }

                sb.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    if (diepte == 0)
                    {
                        sb.Append("\n  ");
                    }
                    else if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Schrijf(sb, items[i], diepte + 1);
                }

                sb.Append(diepte == 0 ? "\n]" : "]");
                return;
        }

        var eigenschappen = Eigenschappen(waarde.GetType());
        if (eigenschappen.Length == 0)
        {
            sb.Append(waarde);
            return;
        }

        sb.Append(waarde.GetType().Name).Append(" { ");
        for (var i = 0; i < eigenschappen.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(eigenschappen[i].Name).Append(" = ");
            Schrijf(sb, eigenschappen[i].GetValue(waarde), diepte + 1);
        }

        sb.Append(" }");
    }

    private static PropertyInfo[] Eigenschappen(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToArray();
}
