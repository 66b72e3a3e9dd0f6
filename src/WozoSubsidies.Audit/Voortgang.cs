using System.Diagnostics;
using System.Globalization;

namespace WozoSubsidies.Audit;

/// <summary>A progress bar on stderr for long work: done, total, rate and time left, redrawn at most ten times a second.
/// Quiet when stderr is not a terminal (a pipe, a file, CI), so logs and scripts stay clean.</summary>
public sealed class Voortgang
{
    private readonly TextWriter? _uit;
    private string _naam = "";
    private string _eenheid = "";
    private long? _totaal;
    private long _gedaan;
    private long _start;
    private long _laatst;

    private Voortgang(TextWriter? uit) => _uit = uit;

    public static Voortgang Stil { get; } = new(null);

    public static Voortgang NaarTerminal(TextWriter stderr) => Console.IsErrorRedirected ? Stil : new Voortgang(stderr);

    /// <summary>Always draws (tests and explicit --voortgang).</summary>
    public static Voortgang Altijd(TextWriter uit) => new(uit);

    public void Begin(string naam, long? totaal, string eenheid)
    {
        (_naam, _totaal, _eenheid, _gedaan) = (naam, totaal, eenheid, 0);
        _start = _laatst = Stopwatch.GetTimestamp();
    }

    public void Meld(long gedaan)
    {
        _gedaan = gedaan;
        if (_uit is not null && Stopwatch.GetElapsedTime(_laatst).TotalMilliseconds >= 100)
        {
            _laatst = Stopwatch.GetTimestamp();
            Teken();
        }
    }

    public void Stap() => Meld(_gedaan + 1);

    public void Klaar()
    {
        if (_uit is null)
        {
            return;
        }
        Teken();
        _uit.WriteLine();
    }

    private void Teken()
    {
        var seconden = Math.Max(Stopwatch.GetElapsedTime(_start).TotalSeconds, 0.001);
        var tempo = _gedaan / seconden;
        var c = CultureInfo.InvariantCulture;
        string regel;
        if (_totaal is > 0 and var totaal)
        {
            var deel = Math.Clamp((double)_gedaan / totaal, 0, 1);
            var vol = (int)(deel * 30);
            var rest = tempo > 0 ? TimeSpan.FromSeconds((totaal - _gedaan) / tempo) : TimeSpan.Zero;
            regel = string.Create(c, $"{_naam} [{new string('#', vol)}{new string('.', 30 - vol)}] {deel * 100,3:0}% {_gedaan:N0}/{totaal:N0} {_eenheid} {tempo:N0}/s nog {rest:m\\:ss}");
        }
        else
        {
            regel = string.Create(c, $"{_naam} {_gedaan:N0} {_eenheid} {tempo:N0}/s {seconden:N0} s");
        }
        _uit!.Write("\r" + regel.PadRight(100));
        _uit.Flush();
    }
}
