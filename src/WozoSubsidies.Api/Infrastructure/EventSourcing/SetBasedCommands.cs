using Npgsql;

namespace WozoSubsidies.Api.Infrastructure.EventSourcing;

/// <summary>Joins set-based statements of several units of work into one: statements with the same text whose every
/// parameter is an array of rows (<c>insert ... select * from unnest($1, $2, ...)</c>) become one statement over the
/// concatenated arrays. Only for statement texts the caller names as row-wise and independent: the group commit sends the
/// read-model upserts of a whole batch as one statement instead of one per request.</summary>
public static class SetBasedCommands
{
    /// <summary>The commands in their order, where each mergeable text appears once, at its first place, over the rows of
    /// all its occurrences (in order). Everything else is passed through untouched.</summary>
    public static List<NpgsqlBatchCommand> Merge(IEnumerable<NpgsqlBatchCommand> commands, IReadOnlySet<string> mergeable)
    {
        var result = new List<NpgsqlBatchCommand>();
        var merged = new Dictionary<string, (int Index, List<NpgsqlBatchCommand> Parts)>(StringComparer.Ordinal);
        foreach (var cmd in commands)
        {
            if (!mergeable.Contains(cmd.CommandText) || !cmd.Parameters.All(p => p.Value is Array))
            {
                result.Add(cmd);
                continue;
            }
            if (merged.TryGetValue(cmd.CommandText, out var entry))
            {
                entry.Parts.Add(cmd);
                continue;
            }
            merged[cmd.CommandText] = (result.Count, [cmd]);
            result.Add(cmd);
        }
        foreach (var (_, (index, parts)) in merged.Where(m => m.Value.Parts.Count > 1))
        {
            var first = parts[0];
            var joined = new NpgsqlBatchCommand(first.CommandText);
            for (var i = 0; i < first.Parameters.Count; i++)
            {
                var arrays = parts.Select(p => (Array)p.Parameters[i].Value!).ToList();
                var values = Array.CreateInstance(arrays[0].GetType().GetElementType()!, arrays.Sum(a => a.Length));
                var at = 0;
                foreach (var a in arrays)
                {
                    Array.Copy(a, 0, values, at, a.Length);
                    at += a.Length;
                }
                var parameter = new NpgsqlParameter { Value = values };
                if (Nullable.GetUnderlyingType(values.GetType().GetElementType()!) is not null)
                {
                    // An array of nullable values (decimal?[]) is sent with the type its first part named.
                    parameter.NpgsqlDbType = first.Parameters[i].NpgsqlDbType;
                }
                joined.Parameters.Add(parameter);
            }
            result[index] = joined;
        }
        return result;
    }
}
