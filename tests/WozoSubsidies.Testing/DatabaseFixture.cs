using Npgsql;
using WozoSubsidies.EventStore;
using Xunit;

namespace WozoSubsidies.Testing;

/// <summary>A fresh database per test class (xunit class fixture), so test classes run in parallel and never see
/// each other's data. Subclasses say which migration sets the database needs.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    protected abstract IReadOnlyList<MigrationSet> Migrations { get; }

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync(Migrations);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public virtual async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
        // On a configured server the databases would pile up; a throwaway cluster goes away as a whole.
        if (Environment.GetEnvironmentVariable(PostgresServer.EnvironmentVariable) is { Length: > 0 })
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }

    /// <summary>A scalar query, for assertions.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        var value = await cmd.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
