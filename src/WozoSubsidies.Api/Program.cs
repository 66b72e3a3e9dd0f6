using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Hosting;

// Program.cs only composes: every part lives in Infrastructure/ or Features/.
if (TokenCommand.IsToken(args))
{
    return TokenCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddWozoSubsidies();

var app = builder.Build();
app.UseWozoSubsidies();
app.MapWozoSubsidies();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the in-process API tests (WebApplicationFactory).</summary>
public partial class Program;
