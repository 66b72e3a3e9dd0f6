using System.Security.Cryptography;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Features.Toewijzing;

/// <summary>One unit of work across the tijdvak and the aanvragen it touches (docs/domain-boundary.md): commands are decided
/// one after the other on the states as they evolve, every tijdvak event that places, wait-lists or refuses an aanvraag is
/// turned into that aanvraag's command at once, and everything is appended in one transaction with the read models.
/// A conflict on any stream (another node decided meanwhile) fails the whole unit; the handler then starts again.</summary>
public sealed class Wijziging(Aggregates aggregates, EventWriter writer, RequestContext context) : Infrastructure.Dispatching.IUnitOfWork
{
    private sealed class Stroom<TState, TEvent>(Loaded<TState> loaded)
    {
        public Loaded<TState> Loaded { get; } = loaded;
        public TState State { get; set; } = loaded.State;
        public List<TEvent> Events { get; } = [];
        public long Versie => Loaded.Version + Events.Count;
    }

    private readonly Dictionary<Guid, Stroom<AanvraagState, AanvraagEvent>> _aanvragen = [];
    private readonly Dictionary<Guid, Stroom<TijdvakState, TijdvakEvent>> _tijdvakken = [];
    private readonly Dictionary<string, Stroom<RegelingState, RegelingEvent>> _regelingen = [];
    private readonly Dictionary<string, string> _uitvoerders = [];

    // A tender tijdvak whose ranking depends on what this unit read (Rangschikking.cs): checked under a lock at the append.
    private Guid? _bewaaktTijdvak;
    private long? _bewaaktAantalAanvragen;

    public DateTimeOffset Nu => context.Nu;

    public void Reset()
    {
        _aanvragen.Clear();
        _tijdvakken.Clear();
        _regelingen.Clear();
        _bewaaktTijdvak = null;
        _bewaaktAantalAanvragen = null;
    }

    public Actor Door => context.OverriddenActor ?? context.Actor;

    public async Task<(AanvraagState State, long Versie)> AanvraagAsync(Guid id, CancellationToken ct)
    {
        if (!_aanvragen.TryGetValue(id, out var s))
        {
            s = new Stroom<AanvraagState, AanvraagEvent>(await aggregates.AanvraagAsync(id, ct));
            _aanvragen[id] = s;
        }
        return (s.State, s.Versie);
    }

    public async Task<(TijdvakState State, long Versie)> TijdvakAsync(Guid id, CancellationToken ct)
    {
        if (!_tijdvakken.TryGetValue(id, out var s))
        {
            s = new Stroom<TijdvakState, TijdvakEvent>(await aggregates.TijdvakAsync(id, ct));
            _tijdvakken[id] = s;
        }
        return (s.State, s.Versie);
    }

    /// <summary>Loads a regeling and one of its tijdvakken in one round trip, unless this unit has them already.</summary>
    public async Task RegelingEnTijdvakLadenAsync(string code, Guid tijdvakId, CancellationToken ct)
    {
        if (_regelingen.ContainsKey(code) || _tijdvakken.ContainsKey(tijdvakId))
        {
            return;
        }
        var (regeling, tijdvak) = await aggregates.RegelingEnTijdvakAsync(code, tijdvakId, ct);
        _regelingen[code] = new Stroom<RegelingState, RegelingEvent>(regeling);
        _uitvoerders[code] = ReadModels.UitvoerderNaam(regeling.State.Uitvoerder);
        _tijdvakken[tijdvakId] = new Stroom<TijdvakState, TijdvakEvent>(tijdvak);
    }

    public async Task<(RegelingState State, long Versie)> RegelingAsync(string code, CancellationToken ct)
    {
        if (!_regelingen.TryGetValue(code, out var s))
        {
            s = new Stroom<RegelingState, RegelingEvent>(await aggregates.RegelingAsync(code, ct));
            _regelingen[code] = s;
            _uitvoerders[code] = ReadModels.UitvoerderNaam(s.State.Uitvoerder);
        }
        return (s.State, s.Versie);
    }

    /// <summary>Decides the command that starts a new aanvraag, whose id was just drawn (a random Guid): its stream cannot
    /// exist, so it is not read (a round trip saved per submission); the append's expected version 0 still checks it.</summary>
    public IReadOnlyList<AanvraagEvent> NieuweAanvraag(AanvraagCommand command)
    {
        if (!_aanvragen.TryGetValue(command.AanvraagId, out var s))
        {
            s = new Stroom<AanvraagState, AanvraagEvent>(
                new Loaded<AanvraagState>(Streams.Aanvraag(command.AanvraagId), Aanvraag.Decider.Begin, 0));
            _aanvragen[command.AanvraagId] = s;
        }
        return Beslis(s, Aanvraag.Decider, command);
    }

    /// <summary>Decides an aanvraag command; returns its events (empty when it was applied already).</summary>
    public async Task<IReadOnlyList<AanvraagEvent>> AanvraagAsync(AanvraagCommand command, CancellationToken ct)
    {
        await AanvraagAsync(command.AanvraagId, ct);
        return Beslis(_aanvragen[command.AanvraagId], Aanvraag.Decider, command);
    }

    public async Task<IReadOnlyList<RegelingEvent>> RegelingAsync(RegelingCommand command, CancellationToken ct)
    {
        await RegelingAsync(command.Code, ct);
        return Beslis(_regelingen[command.Code], Regeling.Decider, command);
    }

    /// <summary>Decides a tijdvak command and carries its consequences to every aanvraag it places, wait-lists or refuses.</summary>
    public async Task<IReadOnlyList<TijdvakEvent>> TijdvakAsync(TijdvakCommand command, CancellationToken ct)
    {
        await TijdvakAsync(command.TijdvakId, ct);
        var events = Beslis(_tijdvakken[command.TijdvakId], Tijdvak.Decider, command);
        await AanvragenLadenAsync(events.SelectMany(Betrokkenen), ct);
        foreach (var e in events)
        {
            await VolgAsync(e, ct);
        }
        return events;
    }

    // Decide on the state as it has evolved in this unit, and keep the events for the one append at the end.
    private static IReadOnlyList<TEvent> Beslis<TCommand, TEvent, TState>(
        Stroom<TState, TEvent> stroom, Decider<TCommand, TEvent, TState> decider, TCommand command)
    {
        var events = decider.Decide(command, stroom.State);
        stroom.Events.AddRange(events);
        stroom.State = events.Aggregate(stroom.State, decider.Evolve);
        return events;
    }

    /// <summary>Loads the aanvragen not yet in this unit in one query (a day's settlement places thousands at once).</summary>
    public async Task AanvragenLadenAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var nieuw = ids.Where(id => !_aanvragen.ContainsKey(id)).Distinct().ToList();
        if (nieuw.Count < 2)
        {
            return;
        }
        foreach (var (id, loaded) in await aggregates.AanvragenAsync(nieuw, ct))
        {
            _aanvragen[id] = new Stroom<AanvraagState, AanvraagEvent>(loaded);
        }
    }

    // The aanvragen a tijdvak event places, wait-lists or refuses: VolgAsync sends each of them a command.
    private static IEnumerable<Guid> Betrokkenen(TijdvakEvent e) => e switch
    {
        DagAfgesloten d => d.Plaatsingen.Select(p => p.AanvraagId).Concat(d.OpWachtlijst.Select(w => w.AanvraagId)),
        WachtlijstOpgeschoven w => w.Plaatsingen.Select(p => p.AanvraagId),
        Gerangschikt g => g.Plaatsingen.Select(p => p.AanvraagId).Concat(g.Afwijzingen.Select(a => a.AanvraagId)),
        TijdvakDefinitiefVerklaard d => d.Afwijzingen.Select(a => a.AanvraagId),
        _ => [],
    };

    private async Task VolgAsync(TijdvakEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case DagAfgesloten d:
                await PlaatsAsync(d.Plaatsingen, ct);
                foreach (var w in d.OpWachtlijst)
                {
                    await AanvraagAsync(new OpWachtlijstPlaatsen(w.AanvraagId, w.Positie, Nu, Door), ct);
                }
                break;
            case WachtlijstOpgeschoven w:
                await PlaatsAsync(w.Plaatsingen, ct);
                break;
            case Gerangschikt g:
                await PlaatsAsync(g.Plaatsingen, ct);
                await WijsAfAsync(g.Afwijzingen, ct);
                break;
            case TijdvakDefinitiefVerklaard d:
                await WijsAfAsync(d.Afwijzingen, ct);
                break;
            case NaBezwaarHerplaatst h when h.Uitkomst == PlaatsStatus.Beslag:
                await PlaatsAsync([new Plaatsing(h.AanvraagId, h.Bedrag)], ct);
                break;
            case NaBezwaarHerplaatst h when h.Uitkomst == PlaatsStatus.OpWachtlijst:
                await AanvraagAsync(new OpWachtlijstPlaatsen(h.AanvraagId, h.Positie!.Value, Nu, Door), ct);
                break;
            case NaBezwaarHerplaatst h:
                await WijsAfAsync([new PlafondAfwijzing(h.AanvraagId, h.Bedrag, 0)], ct);
                break;
        }
    }

    private async Task PlaatsAsync(IEnumerable<Plaatsing> plaatsingen, CancellationToken ct)
    {
        foreach (var p in plaatsingen)
        {
            await AanvraagAsync(new PlaatsToewijzen(p.AanvraagId, p.Bedrag, Nu, Door), ct);
        }
    }

    private async Task WijsAfAsync(IEnumerable<PlafondAfwijzing> afwijzingen, CancellationToken ct)
    {
        foreach (var a in afwijzingen)
        {
            await AanvraagAsync(new AfwijzenWegensPlafond(a.AanvraagId, Guid.NewGuid(), Nu, Door), ct);
        }
    }

    /// <summary>Settles every day of this tijdvak that is over and still has aanvragen waiting for their place
    /// (order of receipt; the lottery when the day crosses the plafond). The allocation runs behind submission
    /// (issue: submitting stays fast), so every writer of the tijdvak settles what is due first.</summary>
    public async Task DagenAfsluitenAsync(Guid tijdvakId, NpgsqlDataSource db, CancellationToken ct, bool totEnMetVandaag = false)
    {
        var (tijdvak, _) = await TijdvakAsync(tijdvakId, ct);
        if (tijdvak.Verdeelmethode != Verdeelmethode.VolgordeVanBinnenkomst || tijdvak.Status != TijdvakStatus.Open)
        {
            return;
        }
        var grens = totEnMetVandaag ? Amsterdam.EindeVan(Amsterdam.Dag(Nu)) : Amsterdam.BeginVan(Amsterdam.Dag(Nu));
        foreach (var dag in await WachtendeDagenAsync(db, tijdvakId, grens, ct))
        {
            await TijdvakAsync(new DagAfsluiten(tijdvakId, dag.Dag, dag.Ontvangsten, dag.LotingSeed, Nu, Door), ct);
        }
    }

    /// <summary>The aanvragen waiting for a place, grouped by their day of complete receipt, oldest day first.</summary>
    public static async Task<IReadOnlyList<DagOntvangsten>> WachtendeDagenAsync(NpgsqlDataSource db, Guid tijdvakId, DateTimeOffset voor, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select id, aangevraagd_bedrag, compleet_op from api.aanvragen where tijdvak_id = $1 and wacht_op_plaatsing and compleet_op < $2 order by compleet_op, id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = tijdvakId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = voor.ToUniversalTime() }); // Npgsql writes timestamptz from UTC only
        var ontvangsten = new List<Ontvangst>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ontvangsten.Add(new Ontvangst(reader.GetGuid(0), reader.GetDecimal(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }
        // The seed is drawn here, recorded in the event with the resulting order, so anyone can replay the lottery.
        return ontvangsten.GroupBy(o => Amsterdam.Dag(o.OntvangenOp)).OrderBy(g => g.Key)
            .Select(g => new DagOntvangsten(g.Key, g.ToList(), RandomNumberGenerator.GetInt32(int.MaxValue)))
            .ToList();
    }

    public long VersieVan(Guid aanvraagId) => _aanvragen[aanvraagId].Versie;

    public AanvraagState StateVan(Guid aanvraagId) => _aanvragen[aanvraagId].State;

    public TijdvakState TijdvakStateVan(Guid tijdvakId) => _tijdvakken[tijdvakId].State;

    /// <summary>Keeps what this unit read of a tender tijdvak (the tijdvak, the aanvragen loaded, and with
    /// <paramref name="aantalAanvragen"/> how many it has) from changing unseen before the append: two behandelaars
    /// assessing the last two aanvragen at once must not both conclude "not all assessed" (write skew), nor a closing and
    /// an assessment. Checked under a lock on the tijdvak's stream row, so such units run one after the other, and the
    /// later one fails with a conflict and is decided again (IRetryOnConflict) on what the earlier one stored.</summary>
    public void Bewaak(Guid tijdvakId, long? aantalAanvragen = null)
    {
        _bewaaktTijdvak = tijdvakId;
        _bewaaktAantalAanvragen = aantalAanvragen ?? _bewaaktAantalAanvragen;
    }

    private async Task ControleerBewaaktAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (_bewaaktTijdvak is not { } tijdvakId)
        {
            return;
        }
        var verwacht = _aanvragen.Values.Where(s => s.Loaded.Version > 0 && s.State.TijdvakId == tijdvakId)
            .ToDictionary(s => Streams.Aanvraag(s.State.AanvraagId), s => s.Versie);
        verwacht[Streams.Tijdvak(tijdvakId)] = _tijdvakken[tijdvakId].Versie;
        await using (var lockCmd = new NpgsqlCommand("select version from eventstore.streams where stream_id = $1 for update", conn, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter { Value = Streams.Tijdvak(tijdvakId) });
            await lockCmd.ExecuteScalarAsync(ct);
        }
        // Read committed: this statement sees everything committed before the lock was granted.
        await using var cmd = new NpgsqlCommand(
            "select stream_id, version, (select count(*) from api.aanvragen where tijdvak_id = $2) from eventstore.streams where stream_id = any($1)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = verwacht.Keys.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = tijdvakId });
        var gezien = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            gezien++;
            if (verwacht[reader.GetString(0)] != reader.GetInt64(1) || (_bewaaktAantalAanvragen is { } n && n != reader.GetInt64(2)))
            {
                throw new ConcurrencyException($"Tijdvak {tijdvakId} or one of its aanvragen changed while its ranking was decided.");
            }
        }
        if (gezien != verwacht.Count)
        {
            throw new ConcurrencyException($"A stream of tijdvak {tijdvakId} vanished while its ranking was decided.");
        }
    }

    // Set-based for one aanvraag as for a settlement of thousands; the rebuild writes the same rows with the per-row
    // Upsert, so HerbouwTests (rebuilt equals live) compare the two.
    private IEnumerable<NpgsqlBatchCommand> AanvraagRijen() => AanvraagReadModel.UpsertMany(
        _aanvragen.Values.Where(s => s.Events.Count > 0).Select(s => (s.State, _uitvoerders[s.State.RegelingCode], s.Versie)).ToList());

    /// <summary>Appends every stream that changed, with its expected version, and updates the read models, in one transaction.</summary>
    public async Task<AppendResult> OpslaanAsync(string bron, CancellationToken ct, string? regelsVersie = null)
    {
        var meta = context.Metadata(bron, regelsVersie);
        var appends = new List<StreamAppend>();
        appends.AddRange(_regelingen.Values.Where(s => s.Events.Count > 0).Select(s => Aggregates.Append(s.Loaded, "regeling", s.Events, meta)));
        appends.AddRange(_tijdvakken.Values.Where(s => s.Events.Count > 0).Select(s => Aggregates.Append(s.Loaded, "tijdvak", s.Events, meta)));
        appends.AddRange(_aanvragen.Values.Where(s => s.Events.Count > 0).Select(s => Aggregates.Append(s.Loaded, "aanvraag", s.Events, meta)));

        foreach (var code in _aanvragen.Values.Where(s => s.Events.Count > 0).Select(s => s.State.RegelingCode).Distinct())
        {
            await RegelingAsync(code, ct);
        }

        if (_bewaaktTijdvak is null)
        {
            // Every read-model row's version is known before the append (the stream's version after its events), so the rows
            // go with the events in one batch: one round trip, one implicit transaction.
            var inline = _regelingen.Values.Where(s => s.Events.Count > 0).Select(s => ReadModels.UpsertRegeling(s.State, s.Versie))
                .Concat(_tijdvakken.Values.Where(s => s.Events.Count > 0).Select(s => ReadModels.UpsertTijdvak(s.State, s.Versie)))
                .Concat(AanvraagRijen());
            return await writer.AppendWithCommandsAsync(appends, inline, ct);
        }

        // A guarded unit (tender ranking) checks what it read under the tijdvak's row lock inside the transaction.
        return await writer.AppendAsync(appends, async (ctx, token) =>
        {
            await ControleerBewaaktAsync(ctx.Connection, ctx.Transaction, token);
            foreach (var s in _regelingen.Values.Where(s => s.Events.Count > 0))
            {
                await ReadModels.UpsertRegelingAsync(ctx.Connection, ctx.Transaction, s.State, s.Versie, token);
            }
            foreach (var s in _tijdvakken.Values.Where(s => s.Events.Count > 0))
            {
                await ReadModels.UpsertTijdvakAsync(ctx.Connection, ctx.Transaction, s.State, s.Versie, token);
            }
            await AanvraagReadModel.UpsertAllAsync(ctx.Connection, ctx.Transaction,
                _aanvragen.Values.Where(s => s.Events.Count > 0).Select(s => (s.State, _uitvoerders[s.State.RegelingCode], s.Versie)), token);
        }, ct);
    }
}
