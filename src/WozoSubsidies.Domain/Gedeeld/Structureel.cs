using System.Collections;
using System.Reflection;

namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>Value equality that also looks inside lists. A record's own Equals compares an IReadOnlyList member by
/// reference, so two identical rules versions built separately would look different; deciders that must recognise
/// "the same command again" (idempotency) compare with this instead.</summary>
public static class Structureel
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

        var type = a.GetType();
        if (type.IsPrimitive || a is string or decimal or DateOnly or DateTimeOffset or DateTime or TimeOnly or Guid or Enum)
        {
            return a.Equals(b);
        }

        if (a is IEnumerable lijstA && b is IEnumerable lijstB)
        {
            var ea = lijstA.Cast<object?>().ToList();
            var eb = lijstB.Cast<object?>().ToList();
            return ea.Count == eb.Count && ea.Zip(eb).All(p => Gelijk(p.First, p.Second));
        }

        if (type != b.GetType())
        {
            return false;
        }

        if (a.Equals(b))
        {
            return true;
        }

        var eigenschappen = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToList();
        return eigenschappen.Count > 0 && eigenschappen.All(p => Gelijk(p.GetValue(a), p.GetValue(b)));
    }
}
